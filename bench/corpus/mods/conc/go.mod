module github.com/awaitvet/awaitvet/bench/corpus/mods/conc

go 1.26.8

require (
	github.com/sourcegraph/conc v0.3.0 // indirect
	go.uber.org/atomic v1.7.0 // indirect
	go.uber.org/multierr v1.9.0 // indirect
)
