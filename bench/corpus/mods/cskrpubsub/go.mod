module github.com/awaitvet/awaitvet/bench/corpus/mods/cskrpubsub

go 1.26.8

require github.com/cskr/pubsub/v2 v2.0.2 // indirect
