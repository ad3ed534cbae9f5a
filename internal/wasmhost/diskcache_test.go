package wasmhost

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// answerModule exports answer() returning 0x12345678, a constant easy to
// find in the compiled machine code.
var answerModule = []byte{
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
	0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // type () -> i32
	0x03, 0x02, 0x01, 0x00, // one function of type 0
	0x07, 0x0a, 0x01, 0x06, 'a', 'n', 's', 'w', 'e', 'r', 0x00, 0x00,
	0x0a, 0x0a, 0x01, 0x08, 0x00, 0x41, 0xf8, 0xac, 0xd1, 0x91, 0x01, 0x0b, // i32.const 0x12345678
}

const answer, forged = 0x12345678, 0x0bad0bad

// callAnswer compiles answerModule in a new runtime on the cache in dir and
// calls it.
func callAnswer(t *testing.T, dir string) uint32 {
	t.Helper()
	return callAnswerOf(t, dir, answerModule)
}

// callAnswerOf is callAnswer with another module that exports answer.
func callAnswerOf(t *testing.T, dir string, wasm []byte) uint32 {
	t.Helper()
	ctx := context.Background()
	rt, err := New(ctx, Config{CacheDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close(ctx)
	c, err := rt.Compile(ctx, wasm)
	if err != nil {
		t.Fatal(err)
	}
	m, err := rt.Instantiate(ctx, c, InstanceConfig{StartFunctions: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close(ctx)
	res, err := m.ExportedFunction("answer").Call(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return uint32(res[0])
}

var cacheFileName = regexp.MustCompile(`^[0-9a-f]{64}$`)

// cacheFiles are wazero's compiled files under dir, wherever they are kept.
func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && cacheFileName.MatchString(d.Name()) {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// forgeAnswer rewrites the machine code of a compiled file to return forged
// instead of answer, and recomputes wazero's CRC32C over the code, as an
// attacker who can write the cache directory would.
func forgeAnswer(t *testing.T, file string) bool {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// WAZEVO, version length and version, function count, offsets
	off := 6 + 1 + int(data[6])
	nfn := int(binary.LittleEndian.Uint32(data[off:]))
	off += 4 + 8*nfn
	n := int(binary.LittleEndian.Uint64(data[off:]))
	off += 8
	code := data[off : off+n]
	var want, repl [4]byte
	binary.LittleEndian.PutUint32(want[:], answer)
	binary.LittleEndian.PutUint32(repl[:], forged)
	i := bytes.Index(code, want[:])
	if i < 0 {
		return false // another architecture encodes the constant otherwise
	}
	copy(code[i:], repl[:])
	binary.LittleEndian.PutUint32(data[off+n:], crc32.Checksum(code, crc32.MakeTable(crc32.Castagnoli)))
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return true
}

// TestDiskCacheRefusesForgedCode is hostile case "wazero-cache-forged"
// (issue 10, escape 3): a compiled file in the cache directory rewritten
// with other machine code and a valid CRC32C is discarded and the module
// compiled again; the forged code never runs.
func TestDiskCacheRefusesForgedCode(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if got := callAnswer(t, dir); got != answer {
		t.Fatalf("cold: %#x", got)
	}
	files := cacheFiles(t, dir)
	if len(files) == 0 {
		t.Fatal("nothing was cached")
	}
	forgedAny := false
	for _, f := range files {
		forgedAny = forgeAnswer(t, f) || forgedAny
	}
	if !forgedAny {
		t.Skip("the constant is not encoded as 4 plain bytes on this architecture")
	}
	if got := callAnswer(t, dir); got != answer {
		t.Fatalf("a new runtime ran the forged machine code: answer() = %#x", got)
	}
	// the forged file was replaced by a fresh, sealed compile, which the
	// next runtime uses
	for _, f := range cacheFiles(t, dir) {
		if _, err := os.Stat(f + ".mac"); err != nil {
			t.Errorf("%s has no seal: %v", f, err)
		}
	}
	if got := callAnswer(t, dir); got != answer {
		t.Fatalf("warm after recompiling: %#x", got)
	}
}

// TestDiskCacheRefusesUnsealedAndSwapped: a file without its seal, and a
// sealed file moved to another entry's name, are both discarded.
func TestDiskCacheRefusesUnsealedAndSwapped(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	callAnswer(t, dir)
	files := cacheFiles(t, dir)
	if len(files) != 1 {
		t.Fatalf("cached files %q, want 1", files)
	}
	f := files[0]
	// a sealed file under another entry's name: the seal covers the name.
	// The other module is answerModule with a custom section, so another
	// entry of the same code.
	otherModule := append(append([]byte(nil), answerModule...), 0x00, 0x03, 0x01, 'x', 0x00)
	callAnswerOf(t, dir, otherModule)
	var other string
	for _, g := range cacheFiles(t, dir) {
		if g != f {
			other = g
		}
	}
	if other == "" {
		t.Fatal("the other module was not cached")
	}
	fileF, _ := os.ReadFile(f)
	macF, _ := os.ReadFile(f + ".mac")
	os.WriteFile(other, fileF, 0o600)
	os.WriteFile(other+".mac", macF, 0o600)
	if got := callAnswerOf(t, dir, otherModule); got != answer {
		t.Fatalf("%#x", got)
	}
	if mac, _ := os.ReadFile(other + ".mac"); bytes.Equal(mac, macF) {
		t.Error("a sealed file copied to another entry's name was kept")
	}
	// no seal at all
	os.Remove(f + ".mac")
	if got := callAnswer(t, dir); got != answer {
		t.Fatalf("%#x", got)
	}
	if _, err := os.Stat(f + ".mac"); err != nil {
		t.Errorf("the unsealed file was not compiled and sealed again: %v", err)
	}
}

// TestDiskCacheWarmStart measures a warm engine-sized compile: the cost of
// verifying the cached files (logged, not asserted).
func TestDiskCacheWarmStart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	callAnswer(t, dir)
	start := time.Now()
	for range 5 {
		callAnswer(t, dir)
	}
	t.Logf("warm runtime + compile + call of a tiny module: %v each", time.Since(start)/5)
}

// With the wazero this module pins, the cache serves wazero from the
// shared directory directly (sealedFiles); a wazero whose compilation cache
// is laid out otherwise falls back to the private directory, and this test
// says so.
func TestDiskCacheDirect(t *testing.T) {
	c, err := OpenDiskCache(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	if !c.direct {
		t.Error("wazero's compilation cache is not laid out as sealedFiles expects: every start goes through the private directory")
	}
}
