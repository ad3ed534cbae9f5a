package etcdkv

import "sync"

// bucketCache remembers, per store, bucket records known to exist and
// their ModRevision, so that a read-write transaction need not read the
// record of every bucket on its path (a kv Set would read the partition's
// and the group's before its key and the partition's usage record).
//
// A transaction that takes a bucket from the cache adds the record's
// ModRevision to the checks of its commit, as if it had read it: if the
// bucket has since been deleted (or deleted and made again), the commit
// fails, the entry is dropped, and the transaction runs again reading the
// record. A bucket that does not exist reads as empty, as a nil bucket
// would, so what fn concludes before committing is what it would have
// concluded from the record. Write calls (Put, Delete) never use the
// cache.
type bucketCache struct {
	mu sync.Mutex
	m  map[string]int64
}

// bucketCacheMax bounds the cache; when full it starts again.
const bucketCacheMax = 1 << 14

func (c *bucketCache) get(k string) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	rev, ok := c.m[k]
	return rev, ok
}

// update records what a committed transaction learnt: buckets it read or
// made (made ones at the commit's revision), buckets it deleted.
func (c *bucketCache) update(t *tx, commitRev int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= bucketCacheMax {
		c.m = map[string]int64{}
	}
	for k, e := range t.cache {
		if len(e.raw) == 1 && e.raw[0] == recBucket {
			c.m[k] = e.modRev
		}
	}
	for k, v := range t.puts {
		if len(v) == 1 && v[0] == recBucket {
			c.m[k] = commitRev
		}
	}
	for k := range t.dels {
		delete(c.m, k)
	}
	for _, r := range t.ranges {
		for k := range c.m {
			if k >= r.lo && k < r.hi {
				delete(c.m, k)
			}
		}
	}
}

// forget drops the entries a transaction that failed its checks took.
func (c *bucketCache) forget(keys []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range keys {
		delete(c.m, k)
	}
}
