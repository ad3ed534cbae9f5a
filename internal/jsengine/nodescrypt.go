package jsengine

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"math/bits"
)

// scrypt (RFC 7914) for node:crypto's scrypt/scryptSync, on Go's PBKDF2
// and a Salsa20/8 core of our own (golang.org/x/crypto is not a
// dependency). The guest checks node's parameter rules and maxmem; the host
// caps the working memory at maxScryptMemory whatever maxmem says, and
// checks the call's deadline as it mixes.

const maxScryptMemory = 64 << 20

var errScryptMemory = rangeError("Invalid scrypt params: memory limit exceeded")

func scrypt(ctx context.Context, password, salt []byte, n, r, p, keyLen int) ([]byte, error) {
	if n < 2 || n&(n-1) != 0 || r < 1 || p < 1 || uint64(r)*uint64(p) >= 1<<30 {
		return nil, rangeError("Invalid scrypt params")
	}
	// what OpenSSL counts: B (p*128*r) and V (128*r*(N+2))
	mem := uint64(128)*uint64(r)*uint64(p) + uint64(128)*uint64(r)*(uint64(n)+2)
	if mem > maxScryptMemory || keyLen > maxSubtleOutput {
		return nil, errScryptMemory
	}
	b, err := pbkdf2(ctx, sha256.New, password, salt, 1, p*128*r)
	if err != nil {
		return nil, err
	}
	xy := make([]uint32, 64*r)
	v := make([]uint32, 32*n*r)
	for i := 0; i < p; i++ {
		if err := smix(ctx, b[i*128*r:], r, n, v, xy); err != nil {
			return nil, err
		}
	}
	return pbkdf2(ctx, sha256.New, password, b, 1, keyLen)
}

func smix(ctx context.Context, b []byte, r, n int, v, xy []uint32) error {
	x := xy[:32*r]
	y := xy[32*r:]
	for i := range x {
		x[i] = binary.LittleEndian.Uint32(b[i*4:])
	}
	for i := 0; i < n; i++ {
		if i&1023 == 0 && ctx.Err() != nil {
			return errSubtleDeadline
		}
		copy(v[i*32*r:], x)
		blockMix(x, y, r)
	}
	for i := 0; i < n; i++ {
		if i&1023 == 0 && ctx.Err() != nil {
			return errSubtleDeadline
		}
		j := int(x[(2*r-1)*16] & uint32(n-1))
		vj := v[j*32*r : (j+1)*32*r]
		for k := range x {
			x[k] ^= vj[k]
		}
		blockMix(x, y, r)
	}
	for i, w := range x {
		binary.LittleEndian.PutUint32(b[i*4:], w)
	}
	return nil
}

// blockMix is scrypt's BlockMix over Salsa20/8; y is scratch of len(b).
func blockMix(b, y []uint32, r int) {
	var t [16]uint32
	copy(t[:], b[(2*r-1)*16:])
	for i := 0; i < 2*r; i++ {
		for k := 0; k < 16; k++ {
			t[k] ^= b[i*16+k]
		}
		salsa208(&t)
		// even blocks first, then odd ones
		dst := (i/2)*16 + (i%2)*r*16
		copy(y[dst:dst+16], t[:])
	}
	copy(b, y[:32*r])
}

func salsa208(b *[16]uint32) {
	x := *b
	for i := 0; i < 8; i += 2 {
		x[4] ^= bits.RotateLeft32(x[0]+x[12], 7)
		x[8] ^= bits.RotateLeft32(x[4]+x[0], 9)
		x[12] ^= bits.RotateLeft32(x[8]+x[4], 13)
		x[0] ^= bits.RotateLeft32(x[12]+x[8], 18)
		x[9] ^= bits.RotateLeft32(x[5]+x[1], 7)
		x[13] ^= bits.RotateLeft32(x[9]+x[5], 9)
		x[1] ^= bits.RotateLeft32(x[13]+x[9], 13)
		x[5] ^= bits.RotateLeft32(x[1]+x[13], 18)
		x[14] ^= bits.RotateLeft32(x[10]+x[6], 7)
		x[2] ^= bits.RotateLeft32(x[14]+x[10], 9)
		x[6] ^= bits.RotateLeft32(x[2]+x[14], 13)
		x[10] ^= bits.RotateLeft32(x[6]+x[2], 18)
		x[3] ^= bits.RotateLeft32(x[15]+x[11], 7)
		x[7] ^= bits.RotateLeft32(x[3]+x[15], 9)
		x[11] ^= bits.RotateLeft32(x[7]+x[3], 13)
		x[15] ^= bits.RotateLeft32(x[11]+x[7], 18)
		x[1] ^= bits.RotateLeft32(x[0]+x[3], 7)
		x[2] ^= bits.RotateLeft32(x[1]+x[0], 9)
		x[3] ^= bits.RotateLeft32(x[2]+x[1], 13)
		x[0] ^= bits.RotateLeft32(x[3]+x[2], 18)
		x[6] ^= bits.RotateLeft32(x[5]+x[4], 7)
		x[7] ^= bits.RotateLeft32(x[6]+x[5], 9)
		x[4] ^= bits.RotateLeft32(x[7]+x[6], 13)
		x[5] ^= bits.RotateLeft32(x[4]+x[7], 18)
		x[11] ^= bits.RotateLeft32(x[10]+x[9], 7)
		x[8] ^= bits.RotateLeft32(x[11]+x[10], 9)
		x[9] ^= bits.RotateLeft32(x[8]+x[11], 13)
		x[10] ^= bits.RotateLeft32(x[9]+x[8], 18)
		x[12] ^= bits.RotateLeft32(x[15]+x[14], 7)
		x[13] ^= bits.RotateLeft32(x[12]+x[15], 9)
		x[14] ^= bits.RotateLeft32(x[13]+x[12], 13)
		x[15] ^= bits.RotateLeft32(x[14]+x[13], 18)
	}
	for i := range b {
		b[i] += x[i]
	}
}
