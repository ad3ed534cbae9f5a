package etcdkv

import (
	"bytes"
	"fmt"

	"github.com/corets/corets-wasm/kv"
)

// The key layout (the package comment draws it).
const (
	sep        = 0x00 // ends a bucket's part of a key
	tagChild   = 0x01 // after sep: a child record follows
	tagBucket  = 0x02 // after sep: a nested bucket's name follows
	escByte    = 0x01 // esc: 0x00 → 0x01 0x01, 0x01 → 0x01 0x02
	recBucket  = 'B'  // a record that marks a nested bucket
	recValue   = 'V'  // a record holding a value: 'V' then the value
	bucketMark = "B"
)

// esc makes a bucket name free of 0x00 while keeping byte order.
func esc(dst, name []byte) []byte {
	for _, c := range name {
		switch c {
		case 0x00:
			dst = append(dst, escByte, 0x01)
		case 0x01:
			dst = append(dst, escByte, 0x02)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// unesc undoes esc.
func unesc(s []byte) ([]byte, error) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != escByte {
			out = append(out, s[i])
			continue
		}
		if i+1 == len(s) || (s[i+1] != 0x01 && s[i+1] != 0x02) {
			return nil, fmt.Errorf("%w: bad escape in bucket name %q", kv.ErrCorrupt, s)
		}
		out = append(out, s[i+1]-1)
		i++
	}
	return out, nil
}

// bucketKey is the part of every key below the bucket at path:
// prefix, then 0x00 0x02 esc(name) for each bucket on the path.
func bucketKey(prefix []byte, path [][]byte) []byte {
	k := append([]byte{}, prefix...)
	for _, name := range path {
		k = append(k, sep, tagBucket)
		k = esc(k, name)
	}
	return k
}

// childKey is the record of key in the bucket whose bucketKey is bk.
func childKey(bk, key []byte) []byte {
	k := make([]byte, 0, len(bk)+2+len(key))
	k = append(k, bk...)
	k = append(k, sep, tagChild)
	return append(k, key...)
}

// childrenRange is [lo, hi) of the records of the bucket's direct
// children, in the children's byte order.
func childrenRange(bk []byte) (lo, hi []byte) {
	lo = append(append([]byte{}, bk...), sep, tagChild)
	hi = append(append([]byte{}, bk...), sep, tagBucket)
	return lo, hi
}

// subtreeRange is [lo, hi) of every key below the bucket: its children's
// records and its nested buckets' keys, but not its own record.
func subtreeRange(bk []byte) (lo, hi []byte) {
	lo = append(append([]byte{}, bk...), sep)
	hi = append(append([]byte{}, bk...), sep+1)
	return lo, hi
}

// prefixEnd is the first key after every key starting with p.
func prefixEnd(p []byte) []byte {
	end := bytes.Clone(p)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return []byte{0} // p is all 0xff: etcd's "to the end"
}

// decodeRecord splits a stored record: a bucket marker (bucket true) or a
// value. Anything else was not written by this package.
func decodeRecord(key, raw []byte) (value []byte, bucket bool, err error) {
	switch {
	case len(raw) == 1 && raw[0] == recBucket:
		return nil, true, nil
	case len(raw) >= 1 && raw[0] == recValue:
		return raw[1:], false, nil
	}
	return nil, false, fmt.Errorf("%w: etcd key %q holds a record this package did not write (%d bytes)", kv.ErrCorrupt, key, len(raw))
}

func valueRecord(value []byte) []byte {
	rec := make([]byte, 1+len(value))
	rec[0] = recValue
	copy(rec[1:], value)
	return rec
}
