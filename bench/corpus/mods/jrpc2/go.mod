module github.com/awaitvet/awaitvet/bench/corpus/mods/jrpc2

go 1.26.8

require (
	github.com/creachadair/jrpc2 v1.3.6 // indirect
	github.com/creachadair/mds v0.31.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
)
