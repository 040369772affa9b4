//go:build !amd64 || purego

package hook

import "unsafe"

// getgpc has no cheap implementation on this architecture: Mutex falls
// back to CurrentID and runtime.Callers (microseconds per Lock).
func getgpc() (gp unsafe.Pointer, pc uintptr) { return nil, 0 }

const haveGetg = false
