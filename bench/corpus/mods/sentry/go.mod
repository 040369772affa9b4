module github.com/awaitvet/awaitvet/bench/corpus/mods/sentry

go 1.26.8

require (
	github.com/getsentry/sentry-go v0.50.0 // indirect
	github.com/google/go-cmp v0.7.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/text v0.41.0 // indirect
)
