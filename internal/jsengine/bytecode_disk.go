package jsengine

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sync"

	"github.com/corets/corets-wasm/internal/jsengine/engine"
)

// Compiled scripts are kept on disk too, so that a new process does not
// compile a bundle again (a 1.2 MB bundle takes QuickJS a large part of a
// run). A record holds the sha256 of the script's name and source beside
// its bytecode and is sealed (sealedStore): bytecode is code JS_ReadObject
// trusts, so only records the engine sealed itself reach it.
const (
	bytecodeDir    = "bytecode"
	bytecodeKind   = "corets-wasm engine bytecode 1"
	bytecodeMax    = 256 << 20
	bytecodeRecent = 256
)

// scriptDigest is the sha256 of a script's length-prefixed name and
// source: the key of both bytecode caches. A test may replace the memory
// cache's (bytecodeKeyOf), never the disk's: a record on disk is matched
// by this digest alone.
func scriptDigest(name, src string) [sha256.Size]byte {
	return digest([]byte(name), []byte(src))
}

// bytecodeRecord names the record of a script: its bytecode depends on the
// engine's wasm (QuickJS's bytecode format and version) besides the script.
func bytecodeRecord(script [sha256.Size]byte) string {
	wasm := engineDigest()
	id := digest([]byte(bytecodeKind), wasm[:], script[:])
	return hex.EncodeToString(id[:])
}

// loadBytecode returns the bytecode of a script from disk, or nil.
func (e *Engine) loadBytecode(script [sha256.Size]byte) []byte {
	if e.bytecodeDisk == nil {
		return nil
	}
	rec := bytecodeRecord(script)
	payload := e.bytecodeDisk.read(rec)
	if payload == nil {
		return nil
	}
	if len(payload) <= len(script) || !bytes.Equal(payload[:len(script)], script[:]) {
		e.bytecodeDisk.discard(rec, errors.New("it holds another script"))
		return nil
	}
	return payload[len(script):]
}

// saveBytecode keeps a script's bytecode on disk.
func (e *Engine) saveBytecode(script [sha256.Size]byte, bc []byte) {
	if e.bytecodeDisk == nil {
		return
	}
	e.bytecodeDisk.write(bytecodeRecord(script), append(script[:len(script):len(script)], bc...))
}

// engineDigest is the sha256 of the engine's wasm, computed once.
var engineDigest = sync.OnceValue(func() [sha256.Size]byte { return sha256.Sum256(engine.WASM) })
