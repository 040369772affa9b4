module github.com/awaitvet/awaitvet/bench/corpus/mods/go-nsq

go 1.26.8

require (
	github.com/golang/snappy v0.0.1 // indirect
	github.com/nsqio/go-nsq v1.1.0 // indirect
)
