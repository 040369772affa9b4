// Package user calls bank.Transfer from two goroutines with the same two
// accounts in opposite orders (reported), and bank.Ordered likewise
// (silent: it orders them itself).
package user

import "instances/bank"

var a, b, c, d bank.Account

func Bad() {
	go bank.Transfer(&a, &b, 1)
	go bank.Transfer(&b, &a, 1) // want `lock-order cycle: a\.mu acquired while holding b\.mu \(both \(\*bank\.Account\)\.mu\)`
}

func Good() {
	go bank.Ordered(&c, &d, 1)
	go bank.Ordered(&d, &c, 1)
}
