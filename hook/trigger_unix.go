//go:build unix

package hook

import (
	"os"
	"syscall"
)

func defaultSignals() []os.Signal { return []os.Signal{syscall.SIGUSR1} }
