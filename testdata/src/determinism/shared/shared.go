// Package shared holds the locks the other packages of determinism order.
package shared

import "sync"

var G1, G2, X, Y sync.Mutex
