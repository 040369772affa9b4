module github.com/awaitvet/awaitvet/bench/corpus/mods/resiliency

go 1.26.8

require github.com/eapache/go-resiliency v1.7.0 // indirect
