module github.com/awaitvet/awaitvet/bench/corpus/mods/otter

go 1.26.8

require github.com/maypok86/otter/v2 v2.4.0 // indirect
