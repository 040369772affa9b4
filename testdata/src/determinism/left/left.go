// Package left orders G1 before G2 while holding X.
package left

import (
	"determinism/base"
	"determinism/shared"
)

func L() {
	shared.X.Lock()
	base.Both(&shared.G1, &shared.G2)
	shared.X.Unlock()
}
