//go:build !windows

package main

// enableColor: terminals here handle SGR sequences as they are.
func enableColor() bool { return true }
