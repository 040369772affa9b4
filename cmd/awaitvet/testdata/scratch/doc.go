// Package scratch is a module of six small packages, as a new user would
// first try awaitvet on: a TCP and HTTP server, an HTTP client, a cache, a
// work queue, a pipeline of goroutines over io and os, and an exit hook
// on signals. TestGraphReadable draws its wait-for graph: the standard
// library must show only where a chain of these packages passes through it.
package scratch
