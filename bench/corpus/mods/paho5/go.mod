module github.com/awaitvet/awaitvet/bench/corpus/mods/paho5

go 1.26.8

require (
	github.com/eclipse/paho.golang v0.23.0 // indirect
	github.com/gorilla/websocket v1.5.3 // indirect
	golang.org/x/net v0.43.0 // indirect
)
