// Package right orders G1 before G2 while holding Y.
package right

import (
	"determinism/base"
	"determinism/shared"
)

func R() {
	shared.Y.Lock()
	base.Both(&shared.G1, &shared.G2)
	shared.Y.Unlock()
}
