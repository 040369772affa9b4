module github.com/awaitvet/awaitvet/bench/corpus/mods/suture

go 1.26.8

require github.com/thejerf/suture/v4 v4.0.6 // indirect
