module github.com/awaitvet/awaitvet/bench/corpus/mods/interceptor

go 1.26.8

require (
	github.com/pion/interceptor v0.1.51 // indirect
	github.com/pion/logging v0.2.4 // indirect
	github.com/pion/randutil v0.1.0 // indirect
	github.com/pion/rtcp v1.2.20 // indirect
	github.com/pion/rtp v1.10.6 // indirect
	golang.org/x/time v0.14.0 // indirect
)
