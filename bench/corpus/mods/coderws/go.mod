module github.com/awaitvet/awaitvet/bench/corpus/mods/coderws

go 1.26.8

require github.com/coder/websocket v1.8.15 // indirect
