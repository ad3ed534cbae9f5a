// Package supervisor decides when a module whose instance died starts
// again: after a backoff that doubles from Policy.Initial to Policy.Max,
// and never again (the module is ERRORED) after Policy.Failures deaths
// within Policy.Window. A failed restart is reported as another death.
//
// It keeps time through a Clock, so its tests run on a fake one. It must
// never start or stop an instance itself, nor know what kind of module it
// supervises: the registry does that in the Restart callback.
package supervisor

import (
	"fmt"
	"sync"
	"time"
)

// Policy is how a module is restarted.
type Policy struct {
	Initial, Max time.Duration
	Failures     int
	Window       time.Duration
}

// DefaultPolicy restarts after 1 s, 2 s, 4 s, ... up to 30 s, and gives up
// after 5 deaths in 60 s.
var DefaultPolicy = Policy{Initial: time.Second, Max: 30 * time.Second, Failures: 5, Window: time.Minute}

// WithDefaults returns p with its zero (or negative) fields taken from
// DefaultPolicy.
func (p Policy) WithDefaults() Policy {
	if p.Initial <= 0 {
		p.Initial = DefaultPolicy.Initial
	}
	if p.Max <= 0 {
		p.Max = DefaultPolicy.Max
	}
	if p.Failures <= 0 {
		p.Failures = DefaultPolicy.Failures
	}
	if p.Window <= 0 {
		p.Window = DefaultPolicy.Window
	}
	return p
}

// Config configures one module's Supervisor.
type Config struct {
	Policy Policy // zero fields take DefaultPolicy's
	Clock  Clock  // nil: the real clock
	// Restart is called when a restart is due, on the clock's goroutine. If
	// the restart fails it should report that with Died.
	Restart func()
	// Pending, if set, counts a scheduled or running restart, so an owner
	// can wait for restarts to finish after Stop.
	Pending *sync.WaitGroup
}

// Supervisor counts one module's deaths and schedules its restarts. It is
// safe for concurrent use.
type Supervisor struct {
	cfg Config

	mu      sync.Mutex
	deaths  []time.Time // within the window, oldest first
	timer   Timer       // the scheduled restart, nil if none
	stopped bool
}

// New returns a supervisor with nothing scheduled.
func New(cfg Config) *Supervisor {
	cfg.Policy = cfg.Policy.WithDefaults()
	if cfg.Clock == nil {
		cfg.Clock = RealClock{}
	}
	return &Supervisor{cfg: cfg}
}

// Died counts a death now. It schedules the restart and returns when it is
// due, or returns an error (wrapping cause) when the module died too often
// and is not restarted. After Stop it does nothing and returns a zero time.
func (s *Supervisor) Died(cause error) (next time.Time, giveUp error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return time.Time{}, nil
	}
	p := s.cfg.Policy
	now := s.cfg.Clock.Now()
	recent := s.deaths[:0]
	for _, t := range s.deaths {
		if now.Sub(t) < p.Window {
			recent = append(recent, t)
		}
	}
	s.deaths = append(recent, now)
	if len(s.deaths) >= p.Failures {
		return time.Time{}, fmt.Errorf("died %d times within %s, not restarting; last: %w", len(s.deaths), p.Window, cause)
	}
	delay := Backoff(p, len(s.deaths))
	s.cancel()
	if s.cfg.Pending != nil {
		s.cfg.Pending.Add(1)
	}
	var t Timer
	t = s.cfg.Clock.AfterFunc(delay, func() {
		if s.cfg.Pending != nil {
			defer s.cfg.Pending.Done()
		}
		s.mu.Lock()
		run := s.timer == t && !s.stopped
		if run {
			s.timer = nil
		}
		s.mu.Unlock()
		if run {
			s.cfg.Restart()
		}
	})
	s.timer = t
	return now.Add(delay), nil
}

// Backoff is the delay before the restart that follows the n-th recent
// death (n >= 1): Initial doubled n-1 times, at most Max.
func Backoff(p Policy, n int) time.Duration {
	if n > 62 {
		return p.Max
	}
	d := p.Initial << (n - 1)
	if d > p.Max || d <= 0 {
		d = p.Max
	}
	return d
}

// Stop cancels a scheduled restart and every later one. A restart already
// running finishes; Died after Stop does nothing.
func (s *Supervisor) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	s.cancel()
}

// cancel stops the scheduled restart, if any; s.mu is held.
func (s *Supervisor) cancel() {
	if s.timer != nil && s.timer.Stop() && s.cfg.Pending != nil {
		s.cfg.Pending.Done() // the restart will not run
	}
	s.timer = nil
}
