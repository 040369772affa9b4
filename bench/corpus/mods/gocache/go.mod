module github.com/awaitvet/awaitvet/bench/corpus/mods/gocache

go 1.26.8

require github.com/patrickmn/go-cache v2.1.0+incompatible // indirect
