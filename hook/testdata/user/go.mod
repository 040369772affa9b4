// A module that uses the hook as a user's would, for the tests that run
// "go test" on it (hook/user_test.go): they make a workspace of it and the
// awaitvet module, so that it needs no go.sum of its own.
module example.com/hookuser

go 1.26.8
