module github.com/awaitvet/awaitvet/bench/corpus/mods/bigcache

go 1.26.8

require github.com/allegro/bigcache/v3 v3.1.0 // indirect
