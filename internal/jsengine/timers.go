package jsengine

import (
	"container/heap"
	"time"
)

// maxTimers bounds the pending timers of one instance; the prelude enforces
// the same number with a RangeError before the host has to.
const maxTimers = 10000

// timer is one pending setTimeout/setInterval expiry. The callback itself
// stays in the guest; the host only knows when to call the dispatcher.
type timer struct {
	when  time.Time
	seq   uint64 // insertion order breaks ties, as in node
	id    int32
	index int
	// budget is the per-call budget of the run that set the timer; its
	// callback is charged to it (see Caller.Charge).
	budget *callBudget
}

// timerQueue is a min-heap of expiries, owned by the holder of the lock,
// with a single time.Timer armed for the earliest.
type timerQueue struct {
	items []*timer
	byID  map[int32]*timer
	seq   uint64
	clock *time.Timer
}

func newTimerQueue() timerQueue {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return timerQueue{byID: map[int32]*timer{}, clock: t}
}

func (q *timerQueue) Len() int { return len(q.items) }
func (q *timerQueue) Less(i, j int) bool {
	a, b := q.items[i], q.items[j]
	if !a.when.Equal(b.when) {
		return a.when.Before(b.when)
	}
	return a.seq < b.seq
}
func (q *timerQueue) Swap(i, j int) {
	q.items[i], q.items[j] = q.items[j], q.items[i]
	q.items[i].index = i
	q.items[j].index = j
}
func (q *timerQueue) Push(x any) {
	t := x.(*timer)
	t.index = len(q.items)
	q.items = append(q.items, t)
}
func (q *timerQueue) Pop() any {
	n := len(q.items) - 1
	t := q.items[n]
	q.items[n] = nil
	q.items = q.items[:n]
	return t
}

// set schedules id after delay, replacing an earlier schedule of the same id.
func (q *timerQueue) set(id int32, delay time.Duration, budget *callBudget) bool {
	q.clear(id)
	if len(q.items) >= maxTimers {
		return false
	}
	q.seq++
	t := &timer{when: time.Now().Add(delay), seq: q.seq, id: id, budget: budget}
	heap.Push(q, t)
	q.byID[id] = t
	q.arm()
	return true
}

func (q *timerQueue) clear(id int32) {
	if t, ok := q.byID[id]; ok {
		heap.Remove(q, t.index)
		delete(q.byID, id)
		q.arm()
	}
}

// due removes and returns the earliest timer if it has expired.
func (q *timerQueue) due(now time.Time) (*timer, bool) {
	if len(q.items) == 0 || q.items[0].when.After(now) {
		return nil, false
	}
	t := heap.Pop(q).(*timer)
	delete(q.byID, t.id)
	return t, true
}

// arm points the clock at the earliest expiry, or stops it.
func (q *timerQueue) arm() {
	if len(q.items) == 0 {
		q.clock.Stop()
		return
	}
	q.clock.Reset(time.Until(q.items[0].when))
}

func (q *timerQueue) stop() {
	q.clock.Stop()
	q.items = nil
	q.byID = map[int32]*timer{}
}
