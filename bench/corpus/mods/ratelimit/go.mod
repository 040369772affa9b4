module github.com/awaitvet/awaitvet/bench/corpus/mods/ratelimit

go 1.26.8

require (
	github.com/benbjohnson/clock v1.3.0 // indirect
	go.uber.org/ratelimit v0.3.1 // indirect
)
