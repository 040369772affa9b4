module github.com/awaitvet/awaitvet/bench/corpus/mods/oklogrun

go 1.26.8

require github.com/oklog/run v1.2.0 // indirect
