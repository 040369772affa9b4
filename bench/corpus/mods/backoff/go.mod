module github.com/awaitvet/awaitvet/bench/corpus/mods/backoff

go 1.26.8

require github.com/cenkalti/backoff/v4 v4.3.0 // indirect
