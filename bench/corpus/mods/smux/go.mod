module github.com/awaitvet/awaitvet/bench/corpus/mods/smux

go 1.26.8

require github.com/xtaci/smux v1.5.58 // indirect
