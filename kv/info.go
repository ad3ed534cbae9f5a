package kv

// MaxValueBytes is the largest value this store takes (Options.MaxValueBytes
// after defaults and ceilings): a caller storing larger data splits it.
func (db *DB) MaxValueBytes() int { return db.opt.MaxValueBytes }

// WatchesAll reports whether Partition.Watch on this store reports the
// writes of everyone using the same storage, in any process or on any
// machine (its backend is a Watcher, as kv/etcdkv's is), rather than only
// the writes made through this DB.
func (db *DB) WatchesAll() bool {
	_, ok := db.be.(Watcher)
	return ok
}
