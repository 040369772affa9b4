module github.com/awaitvet/awaitvet/bench/corpus/gate

go 1.26.0
