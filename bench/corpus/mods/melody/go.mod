module github.com/awaitvet/awaitvet/bench/corpus/mods/melody

go 1.26.8

require (
	github.com/gorilla/websocket v1.5.0 // indirect
	github.com/olahol/melody v1.1.4 // indirect
)
