package kv

// backend is the storage under the store: nested buckets of byte-ordered
// keys, read and written in transactions. It is the only part that differs
// between a file and memory; it knows nothing of partitions, versions or
// quotas.
type backend interface {
	// view runs fn in a read-only transaction.
	view(fn func(root bucket) error) error
	// update runs fn in a read-write transaction. If fn returns an error
	// (or panics) nothing it did is kept; otherwise it is all kept, and, for
	// a file without NoSync, on disk when update returns.
	update(fn func(root bucket) error) error
	close() error
}

// bucket is one level of the tree, as bbolt has it: a key holds either a
// value or a nested bucket. Slices it returns are valid only inside the
// transaction. The root holds only buckets.
type bucket interface {
	// get returns the value at key, nil if absent or a bucket.
	get(key []byte) []byte
	put(key, value []byte) error
	del(key []byte) error
	// bucket returns the nested bucket name, nil if absent or a value.
	bucket(name []byte) bucket
	// createBucket returns the nested bucket name, creating it if absent.
	createBucket(name []byte) (bucket, error)
	deleteBucket(name []byte) error
	// scan calls fn for every key >= from in byte order, with a nil value
	// for nested buckets, until fn returns false. fn must not modify the
	// bucket.
	scan(from []byte, fn func(key, value []byte) bool)
}
