module github.com/awaitvet/awaitvet/bench/corpus/mods/goproxy

go 1.26.8

require (
	github.com/elazarl/goproxy v1.9.4 // indirect
	golang.org/x/net v0.50.0 // indirect
	golang.org/x/text v0.34.0 // indirect
)
