module github.com/awaitvet/awaitvet/bench/corpus/mods/pond

go 1.26.8

require github.com/alitto/pond/v2 v2.7.1 // indirect
