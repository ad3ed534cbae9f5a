package testutil

import (
	"testing"
	"time"
)

// patience is how long WaitFor waits when the test has no deadline. It is
// not a budget the code under test must meet: it only bounds how long a
// broken test hangs before it says what it was waiting for.
const patience = 2 * time.Minute

// WaitFor polls cond until it holds, and fails the test, naming what, if it
// still does not hold when the test's deadline (go test -timeout) is near.
// Use it where the event comes from outside the test's reach (another
// process, the kernel, a timer in a guest); where code can signal, wait on
// a channel instead.
func WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	if !Eventually(t, cond) {
		t.Fatalf("still waiting for %s", what)
	}
}

// Eventually is WaitFor that reports instead of failing: false if cond did
// not hold before the test's deadline came near.
func Eventually(t testing.TB, cond func() bool) bool {
	t.Helper()
	end := time.Now().Add(patience)
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if dl, ok := d.Deadline(); ok {
			end = dl.Add(-10 * time.Second)
		}
	}
	for pause := time.Millisecond; ; pause = min(2*pause, 50*time.Millisecond) {
		if cond() {
			return true
		}
		if time.Now().After(end) {
			return false
		}
		time.Sleep(pause)
	}
}
