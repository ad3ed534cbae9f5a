package jsengine

import (
	"crypto/aes"
	"crypto/subtle"
	"encoding/binary"
)

// AES-KW (RFC 3394 key wrap with the default initial value), for
// crypto.subtle's wrapKey/unwrapKey and the AES-KW algorithm. Go's
// standard library has no key wrap; this is the RFC's index-based
// algorithm (section 2.2.1 and 2.2.2) over crypto/aes.

var kwIV = [8]byte{0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6}

func aesKW(wrap bool, key, data []byte) ([]byte, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, subtleError{"DataError", "Invalid key length"}
	}
	if wrap {
		// node (OpenSSL) wraps 16 bytes or more, in 8-byte blocks
		if len(data) < 16 || len(data)%8 != 0 || len(data) > maxSubtleOutput {
			return nil, errOperation
		}
		n := len(data) / 8
		out := make([]byte, 8+len(data))
		copy(out[8:], data)
		var a [8]byte = kwIV
		var blk [16]byte
		for j := 0; j <= 5; j++ {
			for i := 1; i <= n; i++ {
				copy(blk[:8], a[:])
				copy(blk[8:], out[8*i:8*i+8])
				b.Encrypt(blk[:], blk[:])
				t := uint64(n*j + i)
				binary.BigEndian.PutUint64(a[:], binary.BigEndian.Uint64(blk[:8])^t)
				copy(out[8*i:], blk[8:])
			}
		}
		copy(out, a[:])
		return out, nil
	}
	if len(data) < 24 || len(data)%8 != 0 {
		return nil, errOperation
	}
	n := len(data)/8 - 1
	out := make([]byte, len(data))
	copy(out, data)
	var a [8]byte
	copy(a[:], out[:8])
	var blk [16]byte
	for j := 5; j >= 0; j-- {
		for i := n; i >= 1; i-- {
			t := uint64(n*j + i)
			binary.BigEndian.PutUint64(blk[:8], binary.BigEndian.Uint64(a[:])^t)
			copy(blk[8:], out[8*i:8*i+8])
			b.Decrypt(blk[:], blk[:])
			copy(a[:], blk[:8])
			copy(out[8*i:], blk[8:])
		}
	}
	if subtle.ConstantTimeCompare(a[:], kwIV[:]) != 1 {
		return nil, errOperation
	}
	return out[8:], nil
}
