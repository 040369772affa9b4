module github.com/awaitvet/awaitvet/bench/corpus/mods/glog

go 1.26.8

require github.com/golang/glog v1.2.5 // indirect
