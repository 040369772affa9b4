module github.com/awaitvet/awaitvet/bench/corpus/mods/ants

go 1.26.8

require (
	github.com/panjf2000/ants/v2 v2.12.1 // indirect
	golang.org/x/sync v0.11.0 // indirect
)
