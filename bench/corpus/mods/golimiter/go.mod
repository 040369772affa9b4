module github.com/awaitvet/awaitvet/bench/corpus/mods/golimiter

go 1.26.8

require github.com/sethvargo/go-limiter v0.7.1 // indirect
