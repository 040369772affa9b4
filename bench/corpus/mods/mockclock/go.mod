module github.com/awaitvet/awaitvet/bench/corpus/mods/mockclock

go 1.26.8

require github.com/benbjohnson/clock v1.3.5 // indirect
