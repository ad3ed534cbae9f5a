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
	ctx := context.Background()
	rt, err := New(ctx, Config{CacheDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close(ctx)
	c, err := rt.Compile(ctx, answerModule)
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
	// a sealed file under another name: the seal covers the name
	other := filepath.Join(filepath.Dir(f), "00"+filepath.Base(f)[2:])
	os.Rename(f, other)
	os.Rename(f+".mac", other+".mac")
	idx, _ := filepath.Glob(filepath.Join(filepath.Dir(f), "*.files"))
	for _, i := range idx {
		os.WriteFile(i, []byte(filepath.Base(other)+"\n"), 0o600)
	}
	if got := callAnswer(t, dir); got != answer {
		t.Fatalf("%#x", got)
	}
	if _, err := os.Stat(other); err == nil {
		t.Error("a sealed file moved to another name was kept")
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
