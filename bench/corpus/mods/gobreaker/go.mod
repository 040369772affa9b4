module github.com/awaitvet/awaitvet/bench/corpus/mods/gobreaker

go 1.26.8

require github.com/sony/gobreaker/v2 v2.4.0 // indirect
