module github.com/awaitvet/awaitvet/bench/corpus/mods/goyamux

go 1.26.8

require (
	github.com/libp2p/go-buffer-pool v0.0.2 // indirect
	github.com/libp2p/go-yamux/v5 v5.1.0 // indirect
)
