//go:build !unix

package hook

import "os"

// defaultSignals is empty where there is no SIGUSR1: pass OnSignal, or use
// the watchdog or the handler.
func defaultSignals() []os.Signal { return nil }
