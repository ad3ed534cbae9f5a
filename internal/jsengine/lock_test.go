package jsengine

import (
	"context"
	"strings"
	"testing"
	"time"
)

// pumpRunning reports, under the lock, whether the instance has its pump.
func pumpRunning(t *testing.T, in *Instance) bool {
	t.Helper()
	if err := in.lock(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer in.unlock()
	return in.pumping
}

// TestPumpOnlyWhileWorkIsPending: an idle instance has no goroutine; a
// timer left by a call gets one, which runs it between calls and ends.
func TestPumpOnlyWhileWorkIsPending(t *testing.T) {
	in, out := newInstance(t, InstanceConfig{}, "")
	eval(t, in, "1")
	if pumpRunning(t, in) {
		t.Fatal("an instance with nothing pending has a pump")
	}
	eval(t, in, `setTimeout(() => console.log("fired"), 5); 0`)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "fired") {
		if time.Now().After(deadline) {
			t.Fatal("the timer did not fire between calls")
		}
		time.Sleep(time.Millisecond)
	}
	// the pump ran the timer holding the lock, and gave it up on its way out
	if pumpRunning(t, in) {
		t.Error("the pump is still there with nothing pending")
	}
}

// TestCallsPassAPendingTimer: the pump waiting for a far timer hands the
// lock to calls; the timer stays armed and the pump goes on waiting.
func TestCallsPassAPendingTimer(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, `var __corets_exports = { add: (a, b) => a + b }`)
	eval(t, in, `setTimeout(() => {}, 3600e3); 0`)
	for range 100 {
		if _, err := in.Call(context.Background(), "add", []byte("[1,2]")); err != nil {
			t.Fatal(err)
		}
	}
	if !pumpRunning(t, in) {
		t.Error("the pump left with a timer armed")
	}
	in.Close()
	if err := in.Err(); err != ErrClosed {
		t.Errorf("after Close: %v", err)
	}
}
