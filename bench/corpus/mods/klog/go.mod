module github.com/awaitvet/awaitvet/bench/corpus/mods/klog

go 1.26.8

require (
	github.com/go-logr/logr v1.4.1 // indirect
	k8s.io/klog/v2 v2.140.0 // indirect
)
