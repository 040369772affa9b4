module github.com/awaitvet/awaitvet/bench/corpus/mods/eachannels

go 1.26.8

require (
	github.com/eapache/channels v1.1.0 // indirect
	github.com/eapache/queue v1.1.0 // indirect
)
