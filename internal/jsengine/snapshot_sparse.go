package jsengine

import (
	"encoding/binary"
	"errors"
)

// A snapshot's memory is mostly zero (about 70% of its 4 KiB blocks for
// the engine alone: the C stack, free heap, unused pages), and every
// process start reads and HMAC-verifies the whole record. So the record
// keeps only the non-zero blocks: the block count, a bitmap of the blocks
// present, then those blocks in order.

const sparseBlock = 4096

var errSparseShape = errors.New("the snapshot's block map does not fit its size")

// sparseEncode appends mem, whole blocks, in the sparse form to dst.
func sparseEncode(dst, mem []byte) []byte {
	n := len(mem) / sparseBlock
	dst = binary.LittleEndian.AppendUint32(dst, uint32(n))
	mapAt := len(dst)
	dst = append(dst, make([]byte, (n+7)/8)...)
	for i := range n {
		blk := mem[i*sparseBlock : (i+1)*sparseBlock]
		if !allZero(blk) {
			dst[mapAt+i/8] |= 1 << (i % 8)
			dst = append(dst, blk...)
		}
	}
	return dst
}

// sparseDecode returns the memory that sparseEncode encoded in b.
func sparseDecode(b []byte) ([]byte, error) {
	if len(b) < 4 {
		return nil, errSparseShape
	}
	n := int(binary.LittleEndian.Uint32(b))
	b = b[4:]
	if n > snapshotMax/sparseBlock || len(b) < (n+7)/8 {
		return nil, errSparseShape
	}
	bitmap, blocks := b[:(n+7)/8], b[(n+7)/8:]
	// fresh memory: the absent blocks stay untouched zero pages
	mem := make([]byte, n*sparseBlock)
	for i := range n {
		if bitmap[i/8]&(1<<(i%8)) == 0 {
			continue
		}
		if len(blocks) < sparseBlock {
			return nil, errSparseShape
		}
		copy(mem[i*sparseBlock:], blocks[:sparseBlock])
		blocks = blocks[sparseBlock:]
	}
	if len(blocks) != 0 {
		return nil, errSparseShape
	}
	return mem, nil
}

func allZero(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b) != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
