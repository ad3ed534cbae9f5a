package jsengine

import (
	"bytes"
	"errors"
	"testing"
)

func TestSparseRoundTrip(t *testing.T) {
	mem := make([]byte, 16*sparseBlock)
	mem[0] = 1
	mem[5*sparseBlock+17] = 2
	mem[16*sparseBlock-1] = 3
	enc := sparseEncode([]byte("hdr"), mem)
	if string(enc[:3]) != "hdr" {
		t.Fatal("the prefix was not kept")
	}
	if want := 3 + 4 + 2 + 3*sparseBlock; len(enc) != want {
		t.Errorf("encoded %d bytes, want %d (three blocks)", len(enc), want)
	}
	got, err := sparseDecode(enc[3:])
	if err != nil || !bytes.Equal(got, mem) {
		t.Fatalf("decoded %d bytes equal=%v, %v", len(got), bytes.Equal(got, mem), err)
	}
	// every truncation and a trailing byte are refused, never misread
	for i := range len(enc) - 3 {
		if _, err := sparseDecode(enc[3 : 3+i]); !errors.Is(err, errSparseShape) {
			t.Fatalf("truncated to %d bytes: %v", i, err)
		}
	}
	if _, err := sparseDecode(append(enc[3:len(enc):len(enc)], 0)); !errors.Is(err, errSparseShape) {
		t.Errorf("a trailing byte: %v", err)
	}
	if _, err := sparseDecode([]byte{0xff, 0xff, 0xff, 0xff}); !errors.Is(err, errSparseShape) {
		t.Errorf("a huge block count: %v", err)
	}
}
