// Command bench exists only so that go mod tidy keeps the modules that
// scripts/bench-scale.sh measures awaitvet on. It is never run.
package main

import (
	_ "go.etcd.io/etcd/server/v3/etcdserver"
	_ "google.golang.org/grpc"
	_ "k8s.io/client-go/kubernetes"
)

func main() {}
