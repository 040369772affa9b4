module github.com/awaitvet/awaitvet/bench/corpus/mods/gcache

go 1.26.8

require github.com/bluele/gcache v0.0.2 // indirect
