package jsengine

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strconv"

	"github.com/corets/corets-wasm/internal/wasmhost"
)

// The start-up snapshot is the engine's memory image (QuickJS initialised,
// the prelude and the extensions loaded) kept on disk, so that a new
// process reads it instead of booting: booting runs the prelude and the
// extensions in wasm, which costs tens of milliseconds per process.
//
// It is keyed by everything the image depends on (snapshotIdentity); a
// record is sealed like every cache of code (sealedStore).
const (
	snapshotDir    = "snapshot"
	snapshotKind   = "corets-wasm engine snapshot 2" // 2: sparse (snapshot_sparse.go)
	snapshotMax    = 256 << 20                       // far above a real image (a few MiB)
	snapshotRecent = 8                               // images kept: engines with other host functions or extensions share the directory
	// snapshotHeader is the scratch and out addresses boot computed.
	snapshotHeader = 8
)

// snapshotIdentity is the sha256 of what a booted image depends on: the
// engine's wasm, the prelude, the extensions (names and sources), the host
// function table (the extensions store the ids they looked up, so names,
// order and the flags that shape the guest's functions) and the boot
// parameters.
func (e *Engine) snapshotIdentity() [sha256.Size]byte {
	wasm := engineDigest()
	parts := [][]byte{[]byte(snapshotKind), wasm[:], []byte(preludeSource)}
	for _, p := range []uint64{DefaultMemoryLimit - heapReserve, stackLimit, scratchCap, gcHeadroom} {
		parts = append(parts, strconv.AppendUint(nil, p, 10))
	}
	for _, x := range e.exts {
		parts = append(parts, []byte("extension"), []byte(x.Name), []byte(x.Source))
	}
	for _, f := range e.funcs {
		parts = append(parts, []byte("func"), []byte(f.Name), []byte(strconv.FormatBool(f.Async)), []byte(strconv.FormatBool(f.Binary)))
	}
	return digest(parts...)
}

// loadSnapshot makes the image from the disk snapshot if there is a valid
// one, and reports whether it did.
func (e *Engine) loadSnapshot() bool {
	if e.snapshots == nil {
		return false
	}
	var name string
	var rec []byte
	if e.pendingSnapshot != nil {
		name, rec = e.pendingSnapshot()
		e.pendingSnapshot = nil
	} else {
		name, rec = e.readSnapshot()
	}
	if rec == nil {
		return false
	}
	if len(rec) < snapshotHeader {
		e.snapshots.discard(name, errSparseShape)
		return false
	}
	scratch := binary.LittleEndian.Uint32(rec)
	out := binary.LittleEndian.Uint32(rec[4:])
	mem, err := sparseDecode(rec[snapshotHeader:])
	if err != nil {
		e.snapshots.discard(name, err)
		return false
	}
	// sealed by us, so these hold; checked anyway, as a record made by a
	// buggy older build would otherwise fail in every instance
	if uint64(scratch)+scratchCap > uint64(len(mem)) || uint64(out)+8 > uint64(len(mem)) || scratch == 0 || out == 0 {
		e.snapshots.discard(name, errSnapshotShape)
		return false
	}
	img, err := wasmhost.NewImageFromBytes(mem)
	if err != nil {
		e.snapshots.discard(name, err)
		return false
	}
	e.image, e.scratch, e.outAddr = img, scratch, out
	e.restored = true
	return true
}

// readSnapshot reads and verifies the snapshot record of this engine's
// identity: nil if there is none or it fails.
func (e *Engine) readSnapshot() (name string, rec []byte) {
	id := e.snapshotIdentity()
	name = hex.EncodeToString(id[:])
	return name, e.snapshots.read(name)
}

// startSnapshotRead reads and verifies the snapshot in the background
// while New has wazero load the compiled module: two reads of a few MB,
// each hashed, that depend on nothing of each other, so on two cores a
// process start waits for the longer one only. loadSnapshot takes the
// result.
func (e *Engine) startSnapshotRead() {
	if e.snapshots == nil {
		return
	}
	type result struct {
		name string
		rec  []byte
	}
	done := make(chan result, 1)
	go func() {
		name, rec := e.readSnapshot()
		done <- result{name, rec}
	}()
	e.pendingSnapshot = func() (string, []byte) {
		r := <-done
		return r.name, r.rec
	}
}

// dropSnapshotRead waits for a read New started and will not use, so
// that a failed New leaves no goroutine behind.
func (e *Engine) dropSnapshotRead() {
	if e.pendingSnapshot != nil {
		e.pendingSnapshot()
		e.pendingSnapshot = nil
	}
}

// saveSnapshot keeps the image just booted on disk.
func (e *Engine) saveSnapshot() {
	if e.snapshots == nil {
		return
	}
	id := e.snapshotIdentity()
	mem := e.image.Bytes()
	rec := make([]byte, snapshotHeader, snapshotHeader+len(mem)/2)
	binary.LittleEndian.PutUint32(rec, e.scratch)
	binary.LittleEndian.PutUint32(rec[4:], e.outAddr)
	e.snapshots.write(hex.EncodeToString(id[:]), sparseEncode(rec, mem))
}

var errSnapshotShape = errors.New("its addresses lie outside its image")
