module github.com/awaitvet/awaitvet/bench/corpus/mods/tableflip

go 1.26.8

require github.com/cloudflare/tableflip v1.2.3 // indirect
