module github.com/awaitvet/awaitvet/bench/corpus/mods/datastructures

go 1.26.8

require (
	github.com/Workiva/go-datastructures v1.1.7 // indirect
	github.com/davecgh/go-spew v1.1.0 // indirect
	github.com/philhofer/fwd v1.1.1 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	github.com/stretchr/objx v0.1.0 // indirect
	github.com/stretchr/testify v1.7.0 // indirect
	github.com/tinylib/msgp v1.1.5 // indirect
	gopkg.in/yaml.v3 v3.0.0-20200313102051-9f266ea9e77c // indirect
)
