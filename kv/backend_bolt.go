package kv

import (
	"errors"

	bolt "go.etcd.io/bbolt"
)

// boltBackend keeps the store in a bbolt file.
type boltBackend struct {
	db *bolt.DB
}

func (b *boltBackend) View(fn func(Bucket) error) error {
	return b.db.View(func(tx *bolt.Tx) error { return fn(boltRoot{tx}) })
}

func (b *boltBackend) Update(fn func(Bucket) error) error {
	return b.db.Update(func(tx *bolt.Tx) error { return fn(boltRoot{tx}) })
}

func (b *boltBackend) Close() error { return b.db.Close() }

var errRootValue = errors.New("kv: the top level holds only buckets")

// boltRoot is a transaction seen as the top-level bucket.
type boltRoot struct{ tx *bolt.Tx }

func (r boltRoot) Get([]byte) []byte     { return nil }
func (r boltRoot) Put(_, _ []byte) error { return errRootValue }
func (r boltRoot) Delete([]byte) error   { return errRootValue }
func (r boltRoot) Bucket(name []byte) Bucket {
	if b := r.tx.Bucket(name); b != nil {
		return boltBucket{b}
	}
	return nil
}

func (r boltRoot) CreateBucket(name []byte) (Bucket, error) {
	b, err := r.tx.CreateBucketIfNotExists(name)
	if err != nil {
		return nil, err
	}
	return boltBucket{b}, nil
}

func (r boltRoot) DeleteBucket(name []byte) error { return r.tx.DeleteBucket(name) }

func (r boltRoot) Scan(from []byte, fn func(k, v []byte) bool) {
	scanCursor(r.tx.Cursor(), from, fn)
}

type boltBucket struct{ b *bolt.Bucket }

func (b boltBucket) Get(key []byte) []byte       { return b.b.Get(key) }
func (b boltBucket) Put(key, value []byte) error { return b.b.Put(key, value) }
func (b boltBucket) Delete(key []byte) error     { return b.b.Delete(key) }
func (b boltBucket) DeleteBucket(n []byte) error { return b.b.DeleteBucket(n) }
func (b boltBucket) Scan(from []byte, fn func(k, v []byte) bool) {
	scanCursor(b.b.Cursor(), from, fn)
}

func (b boltBucket) Bucket(name []byte) Bucket {
	if c := b.b.Bucket(name); c != nil {
		return boltBucket{c}
	}
	return nil
}

func (b boltBucket) CreateBucket(name []byte) (Bucket, error) {
	c, err := b.b.CreateBucketIfNotExists(name)
	if err != nil {
		return nil, err
	}
	return boltBucket{c}, nil
}

func scanCursor(c *bolt.Cursor, from []byte, fn func(k, v []byte) bool) {
	for k, v := c.Seek(from); k != nil; k, v = c.Next() {
		if !fn(k, v) {
			return
		}
	}
}
