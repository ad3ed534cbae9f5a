package kv

// Backend is the storage under a DB: nested buckets of byte-ordered keys,
// read and written in transactions. It is the only part that differs
// between a file, memory and a cluster (package kv/etcdkv); it knows
// nothing of partitions, versions or quotas, which are one code path above
// every Backend. OpenBackend makes a DB of one.
//
// A Backend whose reads can fail (one reached over a network) remembers
// the first failure of a transaction: its reads then return nil, View and
// Update return that failure whatever fn returned, and Update commits
// nothing. A Backend may run fn more than once (an optimistic transaction
// that found a conflict at commit): only the last run's effects count, so
// fn must not keep anything from an earlier run.
type Backend interface {
	// View runs fn in a read-only transaction that sees one committed
	// state.
	View(fn func(root Bucket) error) error
	// Update runs fn in a read-write transaction. If fn returns an error
	// (or panics) nothing it did is kept; otherwise it is all kept, and,
	// unless the Backend was told otherwise (Options.NoSync), durable when
	// Update returns.
	Update(fn func(root Bucket) error) error
	Close() error
}

// Bucket is one level of the tree, as bbolt has it: a key holds either a
// value or a nested bucket. Slices it returns are valid only inside the
// transaction. The root holds only buckets.
type Bucket interface {
	// Get returns the value at key, nil if absent or a bucket.
	Get(key []byte) []byte
	Put(key, value []byte) error
	Delete(key []byte) error
	// Bucket returns the nested bucket name, nil if absent or a value.
	Bucket(name []byte) Bucket
	// CreateBucket returns the nested bucket name, creating it if absent.
	CreateBucket(name []byte) (Bucket, error)
	// DeleteBucket deletes the nested bucket name and all it holds.
	DeleteBucket(name []byte) error
	// Scan calls fn for every key >= from in byte order, with a nil value
	// for nested buckets, until fn returns false. fn must not modify the
	// bucket.
	Scan(from []byte, fn func(key, value []byte) bool)
}
