module github.com/awaitvet/awaitvet/bench/corpus/mods/chanx

go 1.26.8

require github.com/smallnest/chanx v1.2.0 // indirect
