module github.com/awaitvet/awaitvet/bench/corpus/mods/aerospike

go 1.26.8

require (
	github.com/aerospike/aerospike-client-go/v8 v8.5.0 // indirect
	github.com/wadey/gocovmerge v0.0.0-20160331181800-b5bfa59ec0ad // indirect
	github.com/yuin/gopher-lua v1.1.1 // indirect
	golang.org/x/sync v0.16.0 // indirect
	golang.org/x/tools v0.36.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
