package kv

import (
	"errors"
	"slices"
	"strings"
	"sync"
)

// memBackend keeps the store in memory with bbolt's rules: one writer or
// many readers at a time, a key holds a value or a Bucket, and a failed
// transaction leaves no trace (every change logs its own undo).
type memBackend struct {
	mu   sync.RWMutex
	root *memBucket
}

func newMemBackend() *memBackend { return &memBackend{root: newMemBucket()} }

func (m *memBackend) View(fn func(Bucket) error) error {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return fn(memHandle{b: m.root, tx: readOnly})
}

func (m *memBackend) Update(fn func(Bucket) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	tx := &memTx{writable: true}
	done := false
	defer func() {
		tx.writable = false
		if !done {
			tx.rollback()
		}
	}()
	if err := fn(memHandle{b: m.root, tx: tx}); err != nil {
		return err
	}
	done = true
	return nil
}

func (m *memBackend) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.root = newMemBucket()
	return nil
}

// memTx is one transaction's undo log.
type memTx struct {
	writable bool
	undo     []func()
}

// readOnly is every view's transaction: nothing writes to it.
var readOnly = &memTx{}

func (tx *memTx) rollback() {
	for i := len(tx.undo) - 1; i >= 0; i-- {
		tx.undo[i]()
	}
	tx.undo = nil
}

// memBucket is an ordered map: keys sorted for scans, items for lookups.
type memBucket struct {
	keys  []string
	items map[string]memItem
}

// memItem is either a value (child nil) or a nested bucket.
type memItem struct {
	value []byte
	child *memBucket
}

func newMemBucket() *memBucket { return &memBucket{items: map[string]memItem{}} }

func (b *memBucket) set(key string, it memItem) {
	if _, ok := b.items[key]; !ok {
		i, _ := slices.BinarySearch(b.keys, key)
		b.keys = slices.Insert(b.keys, i, key)
	}
	b.items[key] = it
}

func (b *memBucket) remove(key string) {
	if _, ok := b.items[key]; !ok {
		return
	}
	i, _ := slices.BinarySearch(b.keys, key)
	b.keys = slices.Delete(b.keys, i, i+1)
	delete(b.items, key)
}

// Errors named as bbolt names them, so both backends fail alike.
var (
	errMemNotWritable  = errors.New("tx not writable")
	errMemIncompatible = errors.New("incompatible value")
	errMemNotFound     = errors.New("bucket not found")
	errMemKeyRequired  = errors.New("key required")
)

// memHandle is a bucket seen from one transaction.
type memHandle struct {
	b  *memBucket
	tx *memTx
}

func (h memHandle) Get(key []byte) []byte {
	it, ok := h.b.items[string(key)]
	if !ok || it.child != nil {
		return nil
	}
	return it.value
}

// change applies a change to key and logs how to take it back.
func (h memHandle) change(key string, it memItem, remove bool) {
	b := h.b
	old, had := b.items[key]
	if remove {
		b.remove(key)
	} else {
		b.set(key, it)
	}
	h.tx.undo = append(h.tx.undo, func() {
		if had {
			b.set(key, old)
		} else {
			b.remove(key)
		}
	})
}

func (h memHandle) Put(key, value []byte) error {
	if !h.tx.writable {
		return errMemNotWritable
	}
	if len(key) == 0 {
		return errMemKeyRequired
	}
	if it, ok := h.b.items[string(key)]; ok && it.child != nil {
		return errMemIncompatible
	}
	// A copy that is never nil, as bbolt returns an empty value.
	v := make([]byte, len(value))
	copy(v, value)
	h.change(string(key), memItem{value: v}, false)
	return nil
}

func (h memHandle) Delete(key []byte) error {
	if !h.tx.writable {
		return errMemNotWritable
	}
	it, ok := h.b.items[string(key)]
	if !ok {
		return nil
	}
	if it.child != nil {
		return errMemIncompatible
	}
	h.change(string(key), memItem{}, true)
	return nil
}

func (h memHandle) Bucket(name []byte) Bucket {
	it, ok := h.b.items[string(name)]
	if !ok || it.child == nil {
		return nil
	}
	return memHandle{b: it.child, tx: h.tx}
}

func (h memHandle) CreateBucket(name []byte) (Bucket, error) {
	if !h.tx.writable {
		return nil, errMemNotWritable
	}
	if it, ok := h.b.items[string(name)]; ok {
		if it.child == nil {
			return nil, errMemIncompatible
		}
		return memHandle{b: it.child, tx: h.tx}, nil
	}
	if len(name) == 0 {
		return nil, errMemKeyRequired
	}
	c := newMemBucket()
	h.change(string(name), memItem{child: c}, false)
	return memHandle{b: c, tx: h.tx}, nil
}

func (h memHandle) DeleteBucket(name []byte) error {
	if !h.tx.writable {
		return errMemNotWritable
	}
	it, ok := h.b.items[string(name)]
	if !ok {
		return errMemNotFound
	}
	if it.child == nil {
		return errMemIncompatible
	}
	h.change(string(name), memItem{}, true)
	return nil
}

func (h memHandle) Scan(from []byte, fn func(k, v []byte) bool) {
	keys := h.b.keys
	i, _ := slices.BinarySearchFunc(keys, from, func(k string, t []byte) int {
		return strings.Compare(k, string(t))
	})
	for ; i < len(keys); i++ {
		it := h.b.items[keys[i]]
		if !fn([]byte(keys[i]), it.value) {
			return
		}
	}
}
