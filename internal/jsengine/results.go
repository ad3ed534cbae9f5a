package jsengine

import "sync"

// resultQueue carries asynchronous host results to the instance's loop.
//
// It replaces a channel buffered for MaxPendingOps results, which cost every
// instance 72 KiB of Go heap (1024 results of 72 bytes) whether or not it
// ever started an operation: an idle instance now holds one small channel.
// A push never blocks (the function's goroutine must not wait on a busy
// guest), and after close every result is refused, so the pusher releases
// it and none is held unreleased by a closed instance.
type resultQueue struct {
	mu     sync.Mutex
	items  []opResult
	closed bool
	// ready holds a token while items is not empty; only the loop takes it.
	ready chan struct{}
}

func newResultQueue() resultQueue { return resultQueue{ready: make(chan struct{}, 1)} }

// push queues ev, or reports false once the queue is closed.
func (q *resultQueue) push(ev opResult) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return false
	}
	q.items = append(q.items, ev)
	q.signal()
	return true
}

// pop takes the oldest result; called by the loop after it took the token.
func (q *resultQueue) pop() (opResult, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 {
		return opResult{}, false
	}
	ev := q.items[0]
	q.items[0] = opResult{}
	q.items = q.items[1:]
	if len(q.items) == 0 {
		q.items = nil // an idle instance keeps no buffer
	} else {
		q.signal()
	}
	return ev, true
}

// close refuses later pushes and returns what was queued, to be released.
func (q *resultQueue) close() []opResult {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	items := q.items
	q.items = nil
	return items
}

// signal leaves a token in ready; one is enough for any number of results.
func (q *resultQueue) signal() {
	select {
	case q.ready <- struct{}{}:
	default:
	}
}
