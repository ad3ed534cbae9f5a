package kv

import (
	"bytes"
	"strings"
)

type kind uint8

const (
	kindModule kind = iota
	kindShared
	kindSystem
)

// Quota limits a partition. Zero or negative means unlimited. Bytes count
// len(key)+len(value) of every entry; group names and bookkeeping are free.
type Quota struct {
	Bytes, Keys int64
}

// Usage is what a partition holds.
type Usage struct {
	Bytes, Keys int64
}

// Entry is one key with its value and version.
type Entry struct {
	Key     string
	Value   []byte
	Version uint64
}

// Partition is one namespace of groups: a module's own, the shared one or
// the system one. It is safe for concurrent use; partitions of one DB are
// independent except that bbolt runs one write at a time.
type Partition struct {
	db     *DB
	kind   kind
	bucket []byte // top-level bucket name
	label  string // for errors
	quota  Quota
	err    error // an invalid module code
}

// ready reports ErrClosed, then an invalid module code.
func (p *Partition) ready() error {
	if p.db.isClosed() {
		return ErrClosed
	}
	return p.err
}

// checkEntry checks the arguments of a call on one key; keyLimit is the
// longest key it accepts.
func (p *Partition) checkEntry(group, key string, keyLimit int) error {
	if err := p.ready(); err != nil {
		return err
	}
	if err := p.checkGroup(group); err != nil {
		return err
	}
	return checkKey(key, keyLimit)
}

// group returns the bucket of group, nil if the partition or group does
// not exist.
func (p *Partition) group(root Bucket, group string) Bucket {
	pb := root.Bucket(p.bucket)
	if pb == nil {
		return nil
	}
	return pb.Bucket([]byte(group))
}

// Get returns the entry at key, or an error wrapping ErrNotFound.
func (p *Partition) Get(group, key string) (Entry, error) {
	if err := p.checkEntry(group, key, MaxKeyBytesCeiling); err != nil {
		return Entry{}, err
	}
	var e Entry
	err := p.db.view(func(root Bucket) error {
		var raw []byte
		if gb := p.group(root, group); gb != nil {
			raw = gb.Get([]byte(key))
		}
		if raw == nil {
			return errorf(ErrNotFound, "store key %s not found in group %s", quote(key), quote(group))
		}
		version, value, err := decodeValue(raw)
		if err != nil {
			return err
		}
		e = Entry{Key: key, Value: bytes.Clone(value), Version: version}
		if e.Value == nil {
			e.Value = []byte{}
		}
		return nil
	})
	return e, err
}

// Set writes value at key and returns the key's new version.
func (p *Partition) Set(group, key string, value []byte) (version uint64, err error) {
	return p.write(group, key, value, false, 0)
}

// CompareAndSet writes value at key only if the key is at version (0: only
// if the key does not exist), and returns the new version. Otherwise it
// returns a *ConflictError with the current version and writes nothing.
func (p *Partition) CompareAndSet(group, key string, value []byte, version uint64) (uint64, error) {
	return p.write(group, key, value, true, version)
}

func (p *Partition) write(group, key string, value []byte, cas bool, expect uint64) (uint64, error) {
	if err := p.checkEntry(group, key, p.db.opt.MaxKeyBytes); err != nil {
		return 0, err
	}
	if err := p.db.checkValue(value); err != nil {
		return 0, err
	}
	var version uint64
	err := p.db.update(func(root Bucket) error {
		k := []byte(key)
		var current uint64
		var oldSize int64
		if gb := p.group(root, group); gb != nil {
			if raw := gb.Get(k); raw != nil {
				v, old, err := decodeValue(raw)
				if err != nil {
					return err
				}
				current, oldSize = v, int64(len(k)+len(old))
			}
		}
		if cas && current != expect {
			return &ConflictError{Group: group, Key: key, Expected: expect, Current: current}
		}
		pb, err := root.CreateBucket(p.bucket)
		if err != nil {
			return err
		}
		m, err := readMeta(pb)
		if err != nil {
			return err
		}
		needBytes := int64(len(k)+len(value)) - oldSize
		var needKeys int64
		if current == 0 {
			needKeys = 1
		}
		if err := p.checkQuota(m, needBytes, needKeys); err != nil {
			return err
		}
		gb, err := pb.CreateBucket([]byte(group))
		if err != nil {
			return err
		}
		m.seq++
		m.bytes += needBytes
		m.keys += needKeys
		if err := gb.Put(k, encodeValue(m.seq, value)); err != nil {
			return err
		}
		version = m.seq
		return writeMeta(pb, m)
	})
	if err != nil {
		return 0, err
	}
	p.db.changed(p.bucket, group, Event{Key: key, Version: version})
	return version, nil
}

// checkQuota refuses a write that would grow usage past a limit. A write
// that does not grow usage always passes, even if a lowered quota is
// already exceeded, so a module over its quota can still shrink.
func (p *Partition) checkQuota(m meta, needBytes, needKeys int64) error {
	q := p.quota
	if q.Bytes > 0 && needBytes > 0 && m.bytes+needBytes > q.Bytes {
		return &QuotaError{Partition: p.label, What: "bytes", Limit: q.Bytes, Used: m.bytes, Need: needBytes}
	}
	if q.Keys > 0 && needKeys > 0 && m.keys+needKeys > q.Keys {
		return &QuotaError{Partition: p.label, What: "keys", Limit: q.Keys, Used: m.keys, Need: needKeys}
	}
	return nil
}

// Delete removes key and reports whether it existed.
func (p *Partition) Delete(group, key string) (existed bool, err error) {
	if err := p.checkEntry(group, key, MaxKeyBytesCeiling); err != nil {
		return false, err
	}
	err = p.db.update(func(root Bucket) error {
		var err error
		existed, err = p.remove(root, group, key, false, 0)
		return err
	})
	if existed && err == nil {
		p.db.changed(p.bucket, group, Event{Key: key, Deleted: true})
	}
	return existed, err
}

// CompareAndDelete removes key only if it is at version. Otherwise it
// returns a *ConflictError with the current version. Version 0 expects the
// key to be absent: that succeeds, with nothing to delete, when it is.
func (p *Partition) CompareAndDelete(group, key string, version uint64) error {
	if err := p.checkEntry(group, key, MaxKeyBytesCeiling); err != nil {
		return err
	}
	existed := false
	err := p.db.update(func(root Bucket) error {
		var err error
		existed, err = p.remove(root, group, key, true, version)
		return err
	})
	if existed && err == nil {
		p.db.changed(p.bucket, group, Event{Key: key, Deleted: true})
	}
	return err
}

// remove deletes key inside a write transaction, with the group if it
// empties. It returns errNoChange when there is nothing to delete.
func (p *Partition) remove(root Bucket, group, key string, cas bool, expect uint64) (bool, error) {
	k := []byte(key)
	pb := root.Bucket(p.bucket)
	var gb Bucket
	var raw []byte
	if pb != nil {
		if gb = pb.Bucket([]byte(group)); gb != nil {
			raw = gb.Get(k)
		}
	}
	var current uint64
	var old []byte
	if raw != nil {
		var err error
		if current, old, err = decodeValue(raw); err != nil {
			return false, err
		}
	}
	if cas && current != expect {
		return false, &ConflictError{Group: group, Key: key, Expected: expect, Current: current}
	}
	if raw == nil {
		return false, errNoChange
	}
	m, err := readMeta(pb)
	if err != nil {
		return false, err
	}
	m.bytes -= int64(len(k) + len(old))
	m.keys--
	if m.bytes < 0 || m.keys < 0 {
		return false, errorf(ErrCorrupt, "store %s usage would go negative", p.label)
	}
	if err := gb.Delete(k); err != nil {
		return false, err
	}
	if isEmpty(gb) {
		if err := pb.DeleteBucket([]byte(group)); err != nil {
			return false, err
		}
	}
	return true, writeMeta(pb, m)
}

func isEmpty(b Bucket) bool {
	empty := true
	b.Scan(nil, func(_, _ []byte) bool {
		empty = false
		return false
	})
	return empty
}

// List returns, in byte order, the entries of group whose keys start with
// prefix and sort strictly after the cursor after ("" to start), at most
// limit of them (<= 0 or more than ListLimit means ListLimit) and at most
// Options.MaxListBytes of keys and values (but at least one entry). next is
// the cursor for the following page, "" when there is none. A group that
// does not exist lists as empty.
func (p *Partition) List(group, prefix, after string, limit int) (entries []Entry, next string, err error) {
	if err := p.ready(); err != nil {
		return nil, "", err
	}
	if err := p.checkGroup(group); err != nil {
		return nil, "", err
	}
	if err := checkCursor("prefix", prefix); err != nil {
		return nil, "", err
	}
	if err := checkCursor("cursor", after); err != nil {
		return nil, "", err
	}
	if limit <= 0 || limit > ListLimit {
		limit = ListLimit
	}
	budget := p.db.opt.MaxListBytes
	err = p.db.view(func(root Bucket) error {
		entries, next = nil, ""
		gb := p.group(root, group)
		if gb == nil {
			return nil
		}
		var size int
		var ferr error
		pre := []byte(prefix)
		gb.Scan([]byte(max(prefix, after)), func(k, raw []byte) bool {
			if !bytes.HasPrefix(k, pre) {
				return false
			}
			if raw == nil || string(k) == after {
				return true
			}
			version, value, err := decodeValue(raw)
			if err != nil {
				ferr = err
				return false
			}
			n := len(k) + len(value)
			if len(entries) == limit || (len(entries) > 0 && size+n > budget) {
				next = entries[len(entries)-1].Key
				return false
			}
			size += n
			entries = append(entries, Entry{Key: string(k), Value: append([]byte{}, value...), Version: version})
			return true
		})
		return ferr
	})
	if err != nil {
		return nil, "", err
	}
	return entries, next, nil
}

// Usage returns the bytes and keys the partition holds, as quotas count
// them.
func (p *Partition) Usage() (Usage, error) {
	if err := p.ready(); err != nil {
		return Usage{}, err
	}
	var u Usage
	err := p.db.view(func(root Bucket) error {
		m, err := readMeta(root.Bucket(p.bucket))
		u = Usage{Bytes: m.bytes, Keys: m.keys}
		return err
	})
	return u, err
}

// Groups returns the names of the partition's groups that hold at least
// one key, in byte order.
func (p *Partition) Groups() ([]string, error) {
	if err := p.ready(); err != nil {
		return nil, err
	}
	var names []string
	err := p.db.view(func(root Bucket) error {
		if pb := root.Bucket(p.bucket); pb != nil {
			names = groupNames(pb)
		}
		return nil
	})
	return names, err
}

// groupNames lists the nested buckets of a partition, skipping its
// records (which start with NUL, as no group name can).
func groupNames(pb Bucket) []string {
	var names []string
	pb.Scan(nil, func(k, v []byte) bool {
		if v == nil && !strings.HasPrefix(string(k), "\x00") {
			names = append(names, string(k))
		}
		return true
	})
	return names
}

func hasGroup(pb Bucket) bool {
	found := false
	pb.Scan(nil, func(k, v []byte) bool {
		found = v == nil && !bytes.HasPrefix(k, []byte("\x00"))
		return !found
	})
	return found
}
