module github.com/awaitvet/awaitvet/bench/corpus/mods/goevents

go 1.26.8

require (
	github.com/docker/go-events v0.1.0 // indirect
	github.com/sirupsen/logrus v1.10.2 // indirect
	golang.org/x/sys v0.13.0 // indirect
)
