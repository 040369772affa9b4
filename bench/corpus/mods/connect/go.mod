module github.com/awaitvet/awaitvet/bench/corpus/mods/connect

go 1.26.8

require (
	connectrpc.com/connect v1.21.1 // indirect
	github.com/google/go-cmp v0.7.0 // indirect
	google.golang.org/protobuf v1.36.11 // indirect
)
