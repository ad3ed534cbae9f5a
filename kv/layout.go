package kv

import (
	"encoding/binary"
	"fmt"
)

// Names and records of the file layout; the package comment draws it.
const (
	formatBucket = "\x00"
	formatKey    = "format"
	formatValue  = "corets-kv 1"
	systemBucket = "_"
	sharedBucket = "s"
	modulePrefix = "m/"
	metaKey      = "\x00meta"

	versionLen = 8  // the version before every value
	metaLen    = 24 // bytes used, keys used, last version
)

// meta is a partition's usage and version counter.
type meta struct {
	bytes, keys int64
	seq         uint64
}

func readMeta(pb Bucket) (meta, error) {
	if pb == nil {
		return meta{}, nil
	}
	raw := pb.Get([]byte(metaKey))
	if raw == nil {
		return meta{}, nil
	}
	if len(raw) != metaLen {
		return meta{}, fmt.Errorf("%w: partition record is %d bytes, want %d", ErrCorrupt, len(raw), metaLen)
	}
	m := meta{
		bytes: int64(binary.BigEndian.Uint64(raw[0:])),
		keys:  int64(binary.BigEndian.Uint64(raw[8:])),
		seq:   binary.BigEndian.Uint64(raw[16:]),
	}
	if m.bytes < 0 || m.keys < 0 {
		return meta{}, fmt.Errorf("%w: negative usage in partition record", ErrCorrupt)
	}
	return m, nil
}

func writeMeta(pb Bucket, m meta) error {
	var raw [metaLen]byte
	binary.BigEndian.PutUint64(raw[0:], uint64(m.bytes))
	binary.BigEndian.PutUint64(raw[8:], uint64(m.keys))
	binary.BigEndian.PutUint64(raw[16:], m.seq)
	return pb.Put([]byte(metaKey), raw[:])
}

func encodeValue(version uint64, value []byte) []byte {
	raw := make([]byte, versionLen+len(value))
	binary.BigEndian.PutUint64(raw, version)
	copy(raw[versionLen:], value)
	return raw
}

// decodeValue splits a stored record; value aliases raw.
func decodeValue(raw []byte) (version uint64, value []byte, err error) {
	if len(raw) < versionLen {
		return 0, nil, fmt.Errorf("%w: record is %d bytes, shorter than its version", ErrCorrupt, len(raw))
	}
	version = binary.BigEndian.Uint64(raw)
	if version == 0 {
		return 0, nil, fmt.Errorf("%w: record has version 0", ErrCorrupt)
	}
	return version, raw[versionLen:], nil
}
