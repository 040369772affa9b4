module github.com/awaitvet/awaitvet/bench/corpus/mods/mysql

go 1.26.8

require (
	filippo.io/edwards25519 v1.2.0 // indirect
	github.com/go-sql-driver/mysql v1.10.1 // indirect
)
