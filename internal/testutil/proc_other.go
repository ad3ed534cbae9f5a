//go:build !linux

package testutil

import "testing"

// Sleepers needs Linux's /proc: elsewhere it skips the test.
func Sleepers(t testing.TB, arg string) []int {
	t.Helper()
	t.Skip("finding processes by their arguments needs /proc")
	return nil
}

// WaitSleepers needs Linux's /proc: elsewhere it skips the test.
func WaitSleepers(t testing.TB, arg string, n int) []int { return Sleepers(t, arg) }

// NoSleepers needs Linux's /proc: elsewhere it skips the test.
func NoSleepers(t testing.TB, arg, when string) { Sleepers(t, arg) }
