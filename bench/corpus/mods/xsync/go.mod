module github.com/awaitvet/awaitvet/bench/corpus/mods/xsync

go 1.26.8

require golang.org/x/sync v0.25.0 // indirect
