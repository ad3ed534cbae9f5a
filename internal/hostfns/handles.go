package hostfns

import "sync"

// handleTable holds a module's open host objects (fetch bodies being read,
// request bodies being sent) under the numbers the guest names them by. A
// number is never reused while the module lives, so a stale one finds
// nothing rather than another object.
type handleTable[T comparable] struct {
	mu   sync.Mutex
	next uint32
	open map[uint32]T
}

// add keeps v; false when maxOpenBodies are open already.
func (t *handleTable[T]) add(v T) (uint32, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.open) >= maxOpenBodies {
		return 0, false
	}
	if t.open == nil {
		t.open = map[uint32]T{}
	}
	t.next++
	t.open[t.next] = v
	return t.next, true
}

// get finds id's object, or T's zero value.
func (t *handleTable[T]) get(id uint32) T {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.open[id]
}

// remove forgets id and returns its object (the zero value if none).
func (t *handleTable[T]) remove(id uint32) T {
	t.mu.Lock()
	defer t.mu.Unlock()
	v := t.open[id]
	delete(t.open, id)
	return v
}

// drain forgets every object and returns them, for the module's close.
func (t *handleTable[T]) drain() map[uint32]T {
	t.mu.Lock()
	defer t.mu.Unlock()
	open := t.open
	t.open = nil
	return open
}

func (t *handleTable[T]) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.open)
}
