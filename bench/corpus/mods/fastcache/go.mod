module github.com/awaitvet/awaitvet/bench/corpus/mods/fastcache

go 1.26.8

require (
	github.com/VictoriaMetrics/fastcache v1.13.2 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/golang/snappy v1.0.0 // indirect
	golang.org/x/sys v0.34.0 // indirect
)
