module github.com/awaitvet/awaitvet/bench/corpus/mods/swraft

go 1.26.8

require (
	github.com/golang/protobuf v1.5.4 // indirect
	github.com/seaweedfs/raft v1.2.4 // indirect
	golang.org/x/net v0.35.0 // indirect
	golang.org/x/sys v0.30.0 // indirect
	golang.org/x/text v0.22.0 // indirect
	google.golang.org/genproto v0.0.0-20200526211855-cb27e3aa2013 // indirect
	google.golang.org/grpc v1.72.2 // indirect
	google.golang.org/protobuf v1.36.5 // indirect
)
