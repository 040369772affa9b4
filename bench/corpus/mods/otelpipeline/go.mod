module github.com/awaitvet/awaitvet/bench/corpus/mods/otelpipeline

go 1.26.8

require go.opentelemetry.io/collector/pipeline v1.71.0 // indirect
