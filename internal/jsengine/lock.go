package jsengine

import "context"

// The instance's lock: whoever holds it is the only goroutine that touches
// the guest, its timers and its host operations' table.
//
// A call is run on its caller's goroutine: it takes the lock, drives the
// guest and gives the lock back, without waking any other goroutine (a
// hand-off to a goroutine of the instance's own cost two scheduler round
// trips per call, more than the call itself).
//
// Between calls, timers and the results of asynchronous host functions
// still have to run, on nobody's call. For them the instance has a pump: a
// goroutine that exists only while a timer is armed or a host operation is
// in flight, and holds the lock while it waits for them. It offers the lock
// to any caller in the same wait (handoff), so a call never waits for the
// pump's work to come due, and takes the lock back when the caller is done.
// An idle instance with nothing pending has no goroutine at all.
//
// The lock is a token in a one-slot channel rather than a sync.Mutex so that
// a caller waiting for it honours its context and Close.

// lock takes the instance's lock for a caller, from the token or from the
// pump, unless ctx ends or the instance closes first.
func (in *Instance) lock(ctx context.Context) error {
	select {
	case <-in.token: // the usual case, an idle instance: no select over many channels
	default:
		select {
		case <-in.token:
		case <-in.handover:
		case <-in.closing:
			return ErrClosed
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if in.closeRequested() {
		in.unlock() // Close is waiting for it
		return ErrClosed
	}
	return nil
}

// unlock gives the lock back, to the pump if work is left pending that no
// goroutine waits for yet.
func (in *Instance) unlock() {
	if !in.pumping && in.pending() && !in.closeRequested() {
		in.pumping = true
		in.pumpWG.Add(1)
		go in.pump() // the lock passes to it
		return
	}
	in.token <- struct{}{} // never blocks: the slot is empty while the lock is held
}

// pending reports whether timers or host operations will need the guest
// later. A dead instance runs no timers, but its operations' results are
// still collected, so that each is released as it arrives.
func (in *Instance) pending() bool {
	return in.ops.inFlight > 0 || (in.timers.Len() > 0 && in.death.err() == nil)
}

// pump is the goroutine that runs timers and host results between calls.
// It starts holding the lock and ends when nothing is pending or the
// instance closes.
func (in *Instance) pump() {
	defer in.pumpWG.Done()
	for {
		if !in.pending() || in.closeRequested() {
			in.pumping = false
			in.token <- struct{}{}
			return
		}
		w := in.wait(waitFor{handoff: in.handover})
		switch w.kind {
		case wakeHandoff:
			// A caller has the lock: take it back when it is done.
			select {
			case <-in.token:
			case <-in.closing:
				// Close takes the lock from the caller; pumping stays set,
				// so nothing starts another pump.
				return
			}
		case wakeClosing:
			// the top of the loop gives the lock to Close
		default:
			in.betweenCalls(w)
		}
	}
}
