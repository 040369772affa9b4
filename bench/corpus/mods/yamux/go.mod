module github.com/awaitvet/awaitvet/bench/corpus/mods/yamux

go 1.26.8

require github.com/hashicorp/yamux v0.1.2 // indirect
