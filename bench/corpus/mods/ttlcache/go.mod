module github.com/awaitvet/awaitvet/bench/corpus/mods/ttlcache

go 1.26.8

require (
	github.com/jellydator/ttlcache/v3 v3.4.1 // indirect
	golang.org/x/sync v0.16.0 // indirect
)
