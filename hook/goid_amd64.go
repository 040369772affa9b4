//go:build amd64 && !purego

package hook

import "unsafe"

// getgpc returns the current g and the return address of its caller's
// frame; see goid_amd64.s.
func getgpc() (gp unsafe.Pointer, pc uintptr)

const haveGetg = true
