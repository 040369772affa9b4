// Package top takes G2 before G1; left and right take G1 before G2, each
// under a lock of its own, by witnesses of one length: the one printed must
// not depend on the order in which the dependencies' facts arrive.
package top

import (
	"determinism/left"
	"determinism/right"
	"determinism/shared"
)

func T() {
	shared.G2.Lock()
	shared.G1.Lock() // want `lock-order cycle: shared\.G1 acquired while holding shared\.G2; left\.L takes them in the opposite order`
	shared.G1.Unlock()
	shared.G2.Unlock()
	left.L()
	right.R()
}
