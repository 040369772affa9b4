module github.com/awaitvet/awaitvet/bench/corpus/mods/redigo

go 1.26.8

require github.com/gomodule/redigo v1.9.3 // indirect
