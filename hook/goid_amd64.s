//go:build amd64 && !purego

#include "textflag.h"

// func getgpc() (gp unsafe.Pointer, pc uintptr)
//
// gp is the calling goroutine's g, read from thread-local storage as the
// runtime does. pc is the return address saved in the caller's frame (one
// word above the frame pointer the caller set up): an address in the
// function that called the caller, that is, in the code that called
// Mutex.Lock. This function has no frame of its own, so BP is still the
// caller's. The caller must not be inlined; calibrate checks the layout.
TEXT ·getgpc(SB),NOSPLIT,$0-16
	MOVQ (TLS), AX
	MOVQ AX, gp+0(FP)
	MOVQ 8(BP), AX
	MOVQ AX, pc+8(FP)
	RET
