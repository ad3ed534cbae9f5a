package jsengine

import (
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"hash"
	"sort"
	"strings"
)

// The host side of node:crypto's hashes (prelude/88-node-internals.js, for
// internal/bundle/node/crypto.js): createHash, createHmac and pbkdf2Sync
// over Go's hashes, synchronous as node's are. Fields are framed as
// crypto.subtle's (subtleFields); the first names the operation. Inputs are
// bounded by the guest's own memory, outputs by maxSubtleOutput, PBKDF2's
// iterations by the call's deadline.

// nodeHashes are node's names for the digests it offers that Go has.
var nodeHashes = map[string]func() hash.Hash{
	"md5":        md5.New,
	"sha1":       sha1.New,
	"sha224":     sha256.New224,
	"sha256":     sha256.New,
	"sha384":     sha512.New384,
	"sha512":     sha512.New,
	"sha512-224": sha512.New512_224,
	"sha512-256": sha512.New512_256,
	"sha3-224":   func() hash.Hash { return sha3.New224() },
	"sha3-256":   func() hash.Hash { return sha3.New256() },
	"sha3-384":   func() hash.Hash { return sha3.New384() },
	"sha3-512":   func() hash.Hash { return sha3.New512() },
}

// nodeDigestError is node's for an unknown digest; the guest turns it into
// its own error (the message differs between createHash and pbkdf2).
var nodeDigestError = rangeError("Digest method not supported")

func nodeCryptoFunc(ctx context.Context, _ *Caller, arg []byte) ([]byte, error) {
	f, err := subtleFields(arg)
	if err != nil {
		return nil, err
	}
	hashOf := func(name []byte) (func() hash.Hash, error) {
		if h, ok := nodeHashes[string(name)]; ok {
			return h, nil
		}
		return nil, nodeDigestError
	}
	switch string(f[0]) {
	case "hashes":
		names := make([]string, 0, len(nodeHashes))
		for n := range nodeHashes {
			names = append(names, n)
		}
		sort.Strings(names)
		return []byte(strings.Join(names, ",")), nil
	case "digest": // hash, data
		return digestOp(f, hashOf)
	case "hmac": // hash, key, data
		return hmacOp(f, hashOf)
	case "pbkdf2": // hash, password, salt, iterations, bytes
		if err := want(f, 6); err != nil {
			return nil, err
		}
		h, err := hashOf(f[1])
		if err != nil {
			return nil, err
		}
		iter, err1 := subtleInt(f[4])
		n, err2 := subtleInt(f[5])
		if err1 != nil || err2 != nil || iter == 0 {
			return nil, errBadSubtle
		}
		if n > maxSubtleOutput {
			return nil, rangeError("pbkdf2: keylen is over the host's limit of 1 MiB")
		}
		if n == 0 {
			return []byte{}, nil
		}
		return pbkdf2(ctx, h, f[2], f[3], iter, n)
	case "scrypt": // password, salt, N, r, p, bytes
		if err := want(f, 7); err != nil {
			return nil, err
		}
		var v [4]int
		for i := range v {
			if v[i], err = subtleInt(f[3+i]); err != nil {
				return nil, err
			}
		}
		if v[3] == 0 {
			return []byte{}, nil
		}
		return scrypt(ctx, f[1], f[2], v[0], v[1], v[2], v[3])
	}
	return nil, errBadSubtle
}
