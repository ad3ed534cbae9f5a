package jsengine

import (
	"context"
	"errors"
	"testing"
)

// TestDeathFirstCauseWins: the death state is set once; later causes,
// Close's among them, do not replace the first.
func TestDeathFirstCauseWins(t *testing.T) {
	d := newDeath()
	if d.err() != nil {
		t.Fatal("a new death has a cause")
	}
	first := &LimitError{Limit: ErrFuel}
	if !d.set(first) || d.set(ErrClosed) {
		t.Fatal("set: only the first call records a cause")
	}
	select {
	case <-d.done:
	default:
		t.Fatal("done is not closed after set")
	}
	if !errors.Is(d.err(), ErrFuel) {
		t.Errorf("err() = %v, want the first cause", d.err())
	}
}

// TestDeathIsReadEverywhere: a limit that kills the instance is what every
// reader reports, before and after Close: Err, Died, Stats and later
// requests.
func TestDeathIsReadEverywhere(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{Fuel: 1_000_000}, "")
	if _, err := in.Eval(context.Background(), `for (;;) {}`); !errors.Is(err, ErrFuel) {
		t.Fatalf("the runaway loop: %v", err)
	}
	<-in.Died()
	if !errors.Is(in.Err(), ErrFuel) || !in.Stats().Dead {
		t.Errorf("after the limit: Err %v, Stats.Dead %v", in.Err(), in.Stats().Dead)
	}
	for _, req := range []func() error{
		func() error { _, err := in.Eval(context.Background(), "1"); return err },
		func() error { return in.Wait(context.Background()) },
	} {
		if err := req(); !errors.Is(err, ErrDead) || !errors.Is(err, ErrFuel) {
			t.Errorf("a request to the dead instance: %v, want ErrDead and ErrFuel", err)
		}
	}
	in.Close()
	if !errors.Is(in.Err(), ErrFuel) {
		t.Errorf("after Close, Err is %v: Close replaced the cause", in.Err())
	}
}

// TestCloseIsTheCauseOfAnIdleInstance: an instance that only closed died of
// ErrClosed.
func TestCloseIsTheCauseOfAnIdleInstance(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	select {
	case <-in.Died():
		t.Fatal("a new instance is dead")
	default:
	}
	in.Close()
	<-in.Died()
	if !errors.Is(in.Err(), ErrClosed) || !in.Stats().Dead {
		t.Errorf("after Close: Err %v, Stats.Dead %v", in.Err(), in.Stats().Dead)
	}
}

// TestWaitEnds: Wait, which waits in the loop's one wait function with the
// caller's context, ends with that context, leaving the instance alive, and
// with Close.
func TestWaitEnds(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	eval(t, in, `setTimeout(() => {}, 3600e3); 0`)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := in.Wait(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait with a canceled context: %v", err)
	}
	if in.Err() != nil {
		t.Fatalf("a canceled Wait killed the instance: %v", in.Err())
	}
	waited := make(chan error, 1)
	go func() { waited <- in.Wait(context.Background()) }()
	in.Close()
	if err := <-waited; !errors.Is(err, ErrClosed) {
		t.Errorf("Wait across Close: %v", err)
	}
}

// TestCallEndsOnClose: a call waiting for a host result ends with ErrClosed
// when the instance closes, through the same wait.
func TestCallEndsOnClose(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	called := make(chan error, 1)
	go func() { _, err := in.Eval(context.Background(), `sleep("1h")`); called <- err }()
	in.Close()
	if err := <-called; !errors.Is(err, ErrClosed) {
		t.Errorf("the call across Close: %v", err)
	}
}
