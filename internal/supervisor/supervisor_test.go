package supervisor

import (
	"errors"
	"sort"
	"sync"
	"testing"
	"time"
)

// fakeClock fires its timers only when the test advances it.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	c    *fakeClock
	at   time.Time
	f    func()
	done bool
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{c: c, at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return t
}

func (t *fakeTimer) Stop() bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	was := !t.done
	t.done = true
	return was
}

// pending is the delays of the timers not yet fired or stopped.
func (c *fakeClock) pending() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []time.Duration
	for _, t := range c.timers {
		if !t.done {
			out = append(out, t.at.Sub(c.now))
		}
	}
	return out
}

// advance moves the clock by d and runs, in order and synchronously, the
// timers that came due.
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	var due []*fakeTimer
	for _, t := range c.timers {
		if !t.done && !t.at.After(c.now) {
			t.done = true
			due = append(due, t)
		}
	}
	c.mu.Unlock()
	sort.Slice(due, func(i, j int) bool { return due[i].at.Before(due[j].at) })
	for _, t := range due {
		t.f()
	}
}

// harness is a supervised module whose restarts the test counts, and may
// make fail.
type harness struct {
	t        *testing.T
	clock    *fakeClock
	s        *Supervisor
	pending  sync.WaitGroup
	restarts int
	fail     bool  // the next restarts fail
	gaveUp   error // what Died said when the supervisor gave up
}

func newHarness(t *testing.T, p Policy) *harness {
	h := &harness{t: t, clock: newFakeClock()}
	h.s = New(Config{Policy: p, Clock: h.clock, Pending: &h.pending, Restart: h.restart})
	return h
}

func (h *harness) restart() {
	h.restarts++
	if h.fail {
		h.die(errors.New("restart failed"))
	}
}

// die reports a death and returns the delay to the restart (0 if none).
func (h *harness) die(cause error) time.Duration {
	next, err := h.s.Died(cause)
	if err != nil {
		h.gaveUp = err
		return 0
	}
	if next.IsZero() {
		return 0
	}
	return next.Sub(h.clock.Now())
}

var errCrash = errors.New("crash")

func TestBackoffSequence(t *testing.T) {
	// a large threshold, so only the backoff shows
	h := newHarness(t, Policy{Initial: time.Second, Max: 30 * time.Second, Failures: 100, Window: time.Hour})
	want := []time.Duration{1, 2, 4, 8, 16, 30, 30}
	for i, w := range want {
		got := h.die(errCrash)
		if got != w*time.Second {
			t.Fatalf("death %d: restart after %s, want %s", i+1, got, w*time.Second)
		}
		if p := h.clock.pending(); len(p) != 1 || p[0] != got {
			t.Fatalf("death %d: timers %v, want one of %s", i+1, p, got)
		}
		h.clock.advance(got - time.Nanosecond)
		if h.restarts != i {
			t.Fatalf("death %d: restarted before the backoff passed", i+1)
		}
		h.clock.advance(time.Nanosecond)
		if h.restarts != i+1 {
			t.Fatalf("death %d: not restarted when the backoff passed", i+1)
		}
	}
	h.pending.Wait()
}

func TestDefaultPolicy(t *testing.T) {
	if got := (Policy{}).WithDefaults(); got != DefaultPolicy {
		t.Fatalf("zero policy = %+v, want %+v", got, DefaultPolicy)
	}
	var got []time.Duration
	for n := 1; n <= 7; n++ {
		got = append(got, Backoff(DefaultPolicy, n))
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("backoffs %v, want %v", got, want)
		}
	}
	if Backoff(DefaultPolicy, 1000) != DefaultPolicy.Max {
		t.Fatal("a long run of deaths overflows the backoff")
	}
}

func TestGivesUpAfterFailures(t *testing.T) {
	h := newHarness(t, Policy{Initial: time.Second, Max: 30 * time.Second, Failures: 3, Window: time.Minute})
	for i := 0; i < 2; i++ {
		d := h.die(errCrash)
		if d == 0 || h.gaveUp != nil {
			t.Fatalf("death %d: gave up (%v), want a restart", i+1, h.gaveUp)
		}
		h.clock.advance(d)
	}
	if d := h.die(errCrash); d != 0 || h.gaveUp == nil {
		t.Fatalf("third death in the window: restart after %s, want ERRORED", d)
	}
	if !errors.Is(h.gaveUp, errCrash) {
		t.Fatalf("giving up does not wrap the last cause: %v", h.gaveUp)
	}
	if p := h.clock.pending(); len(p) != 0 {
		t.Fatalf("a restart is scheduled after giving up: %v", p)
	}
	h.pending.Wait()
}

// Deaths older than the window no longer count, and the backoff starts
// over with them.
func TestWindowSlides(t *testing.T) {
	h := newHarness(t, Policy{Initial: time.Second, Max: 30 * time.Second, Failures: 3, Window: time.Minute})
	h.clock.advance(h.die(errCrash)) // t=0, restart at 1s
	h.clock.advance(h.die(errCrash)) // t=1s, restart at 3s
	h.clock.advance(time.Minute)     // both deaths leave the window
	d := h.die(errCrash)
	if h.gaveUp != nil {
		t.Fatalf("gave up on deaths outside the window: %v", h.gaveUp)
	}
	if d != time.Second {
		t.Fatalf("backoff after the window slid: %s, want it to start over at 1s", d)
	}
	h.clock.advance(d)
	// two recent deaths now: the next is the third in the window
	h.die(errCrash)
	if h.gaveUp != nil {
		t.Fatalf("gave up on two deaths in the window: %v", h.gaveUp)
	}
	h.clock.advance(2 * time.Second)
	if h.die(errCrash); h.gaveUp == nil {
		t.Fatal("did not give up on the third death in the window")
	}
	h.pending.Wait()
}

// A restart that fails counts as a death: it backs off further, and
// counts toward giving up.
func TestFailedRestartIsADeath(t *testing.T) {
	h := newHarness(t, Policy{Initial: time.Second, Max: 30 * time.Second, Failures: 3, Window: time.Minute})
	h.fail = true
	d := h.die(errCrash)
	h.clock.advance(d) // restart 1 fails: death 2, restart after 2s
	if p := h.clock.pending(); len(p) != 1 || p[0] != 2*time.Second {
		t.Fatalf("after a failed restart: timers %v, want one of 2s", p)
	}
	h.clock.advance(2 * time.Second) // restart 2 fails: death 3, gives up
	if h.restarts != 2 || h.gaveUp == nil {
		t.Fatalf("restarts %d, gave up %v: want 2 restarts, then ERRORED", h.restarts, h.gaveUp)
	}
	h.pending.Wait()
}

// Stop during a backoff cancels the restart, and the owner's wait for
// pending restarts returns.
func TestStopDuringBackoff(t *testing.T) {
	h := newHarness(t, Policy{})
	d := h.die(errCrash)
	if d != DefaultPolicy.Initial {
		t.Fatalf("first backoff %s, want %s", d, DefaultPolicy.Initial)
	}
	h.s.Stop()
	h.pending.Wait() // would block if the canceled restart were still counted
	h.clock.advance(time.Hour)
	if h.restarts != 0 {
		t.Fatal("restarted after Stop")
	}
	if next, err := h.s.Died(errCrash); !next.IsZero() || err != nil {
		t.Fatalf("Died after Stop = %v, %v; want nothing", next, err)
	}
	if p := h.clock.pending(); len(p) != 0 {
		t.Fatalf("timers after Stop: %v", p)
	}
}

// With the real clock a restart runs once its delay has passed.
func TestRealClock(t *testing.T) {
	done := make(chan struct{})
	var pending sync.WaitGroup
	s := New(Config{Policy: Policy{Initial: time.Millisecond}, Pending: &pending, Restart: func() { close(done) }})
	if _, err := s.Died(errCrash); err != nil {
		t.Fatal(err)
	}
	<-done
	pending.Wait()
}
