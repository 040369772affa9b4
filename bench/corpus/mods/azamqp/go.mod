module github.com/awaitvet/awaitvet/bench/corpus/mods/azamqp

go 1.26.8

require (
	github.com/Azure/go-amqp v1.7.0 // indirect
	github.com/google/go-cmp v0.7.0 // indirect
)
