module github.com/awaitvet/awaitvet/bench/corpus/mods/clockwork

go 1.26.8

require github.com/jonboulle/clockwork v0.5.0 // indirect
