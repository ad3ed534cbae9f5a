package jsengine

import "sync/atomic"

// death is the one record of an instance's end: that it can run nothing
// more, and why. It is set once, by the holder of the instance's lock (a
// limit, a crash, or the shutdown after Close), and read from any goroutine:
// before guest code runs, by Stats, Err and Died's watchers.
type death struct {
	cause atomic.Pointer[error]
	done  chan struct{} // closed when cause is set
}

func newDeath() death { return death{done: make(chan struct{})} }

// set records err as the cause unless one is recorded already, and reports
// whether it did: only the first cause counts.
func (d *death) set(err error) bool {
	if !d.cause.CompareAndSwap(nil, &err) {
		return false
	}
	close(d.done)
	return true
}

// err is the cause, or nil while the instance is alive.
func (d *death) err() error {
	if p := d.cause.Load(); p != nil {
		return *p
	}
	return nil
}
