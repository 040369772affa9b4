module github.com/awaitvet/awaitvet/bench/corpus/mods/freecache

go 1.26.8

require (
	github.com/cespare/xxhash/v2 v2.1.2 // indirect
	github.com/coocood/freecache v1.2.7 // indirect
)
