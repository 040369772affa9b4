module github.com/awaitvet/awaitvet/bench/corpus/mods/notify

go 1.26.8

require (
	github.com/rjeczalik/notify v0.9.3 // indirect
	golang.org/x/sys v0.0.0-20180926160741-c2ed4eda69e7 // indirect
)
