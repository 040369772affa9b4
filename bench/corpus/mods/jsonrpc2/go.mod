module github.com/awaitvet/awaitvet/bench/corpus/mods/jsonrpc2

go 1.26.8

require (
	github.com/gorilla/websocket v1.5.3 // indirect
	github.com/sourcegraph/jsonrpc2 v0.2.3 // indirect
)
