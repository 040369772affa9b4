module github.com/awaitvet/awaitvet/bench/corpus/mods/pq

go 1.26.8

require github.com/lib/pq v1.12.3 // indirect
