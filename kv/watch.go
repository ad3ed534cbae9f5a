package kv

import (
	"context"
	"sync"
	"sync/atomic"
)

// Event is a change to one key of a watched group.
type Event struct {
	Key string
	// Version is the key's new version, 0 when it was deleted.
	Version uint64
	Deleted bool
	// Resync says that changes may have been missed: the watch had to
	// start again, a module's data was deleted as a whole, or the receiver
	// fell too far behind. Key is "" then; re-read the group.
	Resync bool
}

// Watcher is a Backend that reports the changes made to its buckets by
// anyone who uses the same storage, in any process or on any machine
// (kv/etcdkv's backend is one). A DB whose backend is not a Watcher
// reports the changes made through it, in this process, which for a
// store file that only this process opens is every change.
type Watcher interface {
	// WatchBucket sends the changes to keys held directly in the bucket
	// at path (bucket names from the root), in commit order, from the
	// moment it returns until ctx ends, and then closes the channel.
	WatchBucket(ctx context.Context, path [][]byte) (<-chan Change, error)
}

// Change is what a Watcher sends: a key put (Value set, with its version
// prefix as stored) or deleted (Value nil), or a Resync.
type Change struct {
	Key, Value []byte
	Resync     bool
}

// watchQueue bounds the events a slow receiver may owe before they are
// folded into one Resync, so writers never wait for watchers.
const watchQueue = 1024

// Watch sends the changes to group's keys, from the moment it returns until
// ctx ends, and then closes the channel. Events of one key come in the
// order of their versions; after a Resync, read the group again. On a
// store file opened with Options.Shared, only this process's writes are
// seen.
func (p *Partition) Watch(ctx context.Context, group string) (<-chan Event, error) {
	if err := p.ready(); err != nil {
		return nil, err
	}
	if err := p.checkGroup(group); err != nil {
		return nil, err
	}
	if w, ok := p.db.be.(Watcher); ok {
		changes, err := w.WatchBucket(ctx, [][]byte{p.bucket, []byte(group)})
		if err != nil {
			return nil, err
		}
		out := make(chan Event)
		go func() {
			defer close(out)
			for c := range changes {
				select {
				case out <- eventOf(c):
				case <-ctx.Done():
					for range changes { // let the backend's sender finish
					}
					return
				}
			}
		}()
		return out, nil
	}
	return p.db.local.subscribe(ctx, watchKey(p.bucket, group)), nil
}

func eventOf(c Change) Event {
	switch {
	case c.Resync:
		return Event{Resync: true}
	case c.Value == nil:
		return Event{Key: string(c.Key), Deleted: true}
	}
	version, _, err := decodeValue(c.Value)
	if err != nil {
		return Event{Resync: true} // not a record: let the reader see for itself
	}
	return Event{Key: string(c.Key), Version: version}
}

func watchKey(bucket []byte, group string) string { return string(bucket) + "\x00" + group }

// localWatchers are the watches of a DB whose backend is not a Watcher.
type localWatchers struct {
	n    atomic.Int32 // watches open, so writes skip the lock when there are none
	mu   sync.Mutex
	subs map[string]map[*localWatch]struct{}
}

// localWatch is one watch: a queue filled by writers and drained into out
// by its own goroutine.
type localWatch struct {
	mu     sync.Mutex
	queue  []Event
	signal chan struct{}
}

func (l *localWatchers) subscribe(ctx context.Context, key string) <-chan Event {
	w := &localWatch{signal: make(chan struct{}, 1)}
	l.mu.Lock()
	if l.subs == nil {
		l.subs = map[string]map[*localWatch]struct{}{}
	}
	if l.subs[key] == nil {
		l.subs[key] = map[*localWatch]struct{}{}
	}
	l.subs[key][w] = struct{}{}
	l.n.Add(1)
	l.mu.Unlock()

	out := make(chan Event)
	go func() {
		defer close(out)
		defer func() {
			l.mu.Lock()
			delete(l.subs[key], w)
			if len(l.subs[key]) == 0 {
				delete(l.subs, key)
			}
			l.n.Add(-1)
			l.mu.Unlock()
		}()
		for {
			select {
			case <-ctx.Done():
				return
			case <-w.signal:
			}
			w.mu.Lock()
			batch := w.queue
			w.queue = nil
			w.mu.Unlock()
			for _, ev := range batch {
				select {
				case out <- ev:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out
}

// notify tells the watches of key (or, with prefix, of every key starting
// with it) about ev.
func (l *localWatchers) notify(key string, prefix bool, ev Event) {
	if l.n.Load() == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, subs := range l.subs {
		if k != key && !(prefix && len(k) >= len(key) && k[:len(key)] == key) {
			continue
		}
		for w := range subs {
			w.push(ev)
		}
	}
}

func (w *localWatch) push(ev Event) {
	w.mu.Lock()
	if len(w.queue) >= watchQueue {
		w.queue = append(w.queue[:0], Event{Resync: true})
	} else {
		w.queue = append(w.queue, ev)
	}
	w.mu.Unlock()
	select {
	case w.signal <- struct{}{}:
	default:
	}
}

// changed tells this process's watches of a write made through db, unless
// the backend reports every write itself.
func (db *DB) changed(bucket []byte, group string, ev Event) {
	if _, ok := db.be.(Watcher); ok {
		return
	}
	db.local.notify(watchKey(bucket, group), false, ev)
}

// changedAll tells the watches of every group of a partition to read
// again (its data went as a whole).
func (db *DB) changedAll(bucket []byte) {
	if _, ok := db.be.(Watcher); ok {
		return
	}
	db.local.notify(string(bucket)+"\x00", true, Event{Resync: true})
}
