module github.com/awaitvet/awaitvet/bench/corpus/mods/workerpool

go 1.26.8

require (
	github.com/gammazero/deque v1.2.2 // indirect
	github.com/gammazero/workerpool v1.3.0 // indirect
)
