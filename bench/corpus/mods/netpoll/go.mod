module github.com/awaitvet/awaitvet/bench/corpus/mods/netpoll

go 1.26.8

require (
	github.com/bytedance/gopkg v0.1.1 // indirect
	github.com/cloudwego/gopkg v0.1.4 // indirect
	github.com/cloudwego/netpoll v0.7.2 // indirect
)
