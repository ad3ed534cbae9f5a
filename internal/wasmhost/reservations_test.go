//go:build linux || darwin || freebsd || netbsd || openbsd

package wasmhost

import (
	"bytes"
	"context"
	"testing"
	"unsafe"
)

// A reservation reused after Free shows none of its previous owner's bytes:
// every page the first memory wrote reads as zero in the next one, up to
// the largest size the first one reached.
func TestReservationReuseIsZero(t *testing.T) {
	// Not parallel: the pool is process-wide, and the test wants the
	// reservation it freed back.
	const limit, size = 100 * testPage, 37 * testPage
	first := newLinearMemory(0, limit)
	buf := first.Reallocate(size)
	for i := range buf {
		buf[i] = 0xA5
	}
	base := unsafe.Pointer(unsafe.SliceData(buf))
	first.Free()

	next := newLinearMemory(0, limit)
	defer next.Free()
	got := next.Reallocate(size)
	if unsafe.Pointer(unsafe.SliceData(got)) != base {
		t.Skip("the reservation was not reused (taken by another memory)")
	}
	if i := bytes.IndexFunc(got, func(r rune) bool { return r != 0 }); i >= 0 {
		t.Fatalf("byte %#x of a reused reservation is %#x, want 0", i, got[i])
	}
}

// An instance started from an image in a reused reservation sees the image
// and zeros, never what the reservation's previous instance wrote: over its
// image pages (mapped copy-on-write), past them, and past its size.
func TestReservationReuseWithImage(t *testing.T) {
	ctx := context.Background()
	r := newTestRuntime(t)
	src := growInstance(t, r, InstanceConfig{MaxMemory: 8 * testPage})
	call(t, src, "grow", 1)
	call(t, src, "store", 5, 42)
	img, err := NewImage(src)
	if err != nil {
		t.Fatal(err)
	}
	defer img.Close()
	secret := bytes.Repeat([]byte{0x5A}, 4*testPage)
	for i := 0; i < 4; i++ {
		m := growInstance(t, r, InstanceConfig{MaxMemory: 8 * testPage, Image: img})
		mem := m.Memory()
		// what an instance of this image must see: the image, then zeros
		if mem.Size() != uint32(img.Size()) {
			t.Fatalf("size %d, want the image's %d", mem.Size(), img.Size())
		}
		if _, ok := mem.Grow(2); !ok {
			t.Fatal("cannot grow")
		}
		all, _ := mem.Read(0, mem.Size())
		want := append(append([]byte(nil), img.data...), make([]byte, 2*testPage)...)
		if !bytes.Equal(all, want) {
			j := 0
			for all[j] == want[j] {
				j++
			}
			t.Fatalf("instance %d: byte %#x is %#x, want %#x", i, j, all[j], want[j])
		}
		mem.Write(0, secret)
		m.Close(ctx)
	}
}
