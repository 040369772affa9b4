module github.com/awaitvet/awaitvet/bench/corpus/mods/zk

go 1.26.8

require github.com/go-zookeeper/zk v1.0.4 // indirect
