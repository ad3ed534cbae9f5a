package kv

import (
	"errors"
	"path/filepath"
	"testing"
)

// opener opens a fresh, empty store.
type opener func(t testing.TB, opt Options) *DB

type backendCase struct {
	name string
	open opener
}

func openFile(t testing.TB, opt Options) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "nested", "store.db"), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// openSharedFile opens a fresh file store with Options.Shared.
func openSharedFile(t testing.TB, opt Options) *DB {
	opt.Shared = true
	return openFile(t, opt)
}

func openMem(t testing.TB, opt Options) *DB {
	db := OpenMemory(opt)
	t.Cleanup(func() { db.Close() })
	return db
}

var backends = []backendCase{{"file", openFile}, {"shared", openSharedFile}, {"memory", openMem}}

// must(f())(t) is f's result, or the end of the test if f failed.
func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func wantErr(t testing.TB, err, want error) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if !errors.Is(err, want) {
		t.Fatalf("error = %v, want %v", err, want)
	}
}

func keysOf(entries []Entry) []string {
	keys := make([]string, len(entries))
	for i, e := range entries {
		keys[i] = e.Key
	}
	return keys
}

// content is everything a partition holds, read through the public API.
func content(t testing.TB, p *Partition) map[string][]Entry {
	t.Helper()
	out := map[string][]Entry{}
	for _, g := range must(p.Groups())(t) {
		after := ""
		for {
			page, next, err := p.List(g, "", after, 0)
			if err != nil {
				t.Fatal(err)
			}
			out[g] = append(out[g], page...)
			if next == "" {
				break
			}
			after = next
		}
	}
	return out
}

// checkUsage compares a partition's recorded usage with its content.
func checkUsage(t testing.TB, p *Partition) {
	t.Helper()
	var want Usage
	for _, entries := range content(t, p) {
		for _, e := range entries {
			want.Bytes += int64(len(e.Key) + len(e.Value))
			want.Keys++
		}
	}
	if got := must(p.Usage())(t); got != want {
		t.Fatalf("usage = %+v, content adds up to %+v", got, want)
	}
}

// TestOptionCeilings: settings past a ceiling are cut to it; the size
// limits themselves are in the shared table (kvtest).
func TestOptionCeilings(t *testing.T) {
	t.Parallel()
	db := OpenMemory(Options{MaxKeyBytes: 1 << 30})
	if db.opt.MaxKeyBytes != MaxKeyBytesCeiling || db.opt.MaxValueBytes != DefaultMaxValueBytes {
		t.Fatalf("options %+v", db.opt)
	}
}

func TestQuotaErrorMessage(t *testing.T) {
	t.Parallel()
	p := OpenMemory(Options{}).Module("notes", Quota{Bytes: 1048576})
	must(p.Set("g", "k", make([]byte, 1048000-1)))(t)
	_, err := p.Set("g", "l", make([]byte, 899))
	want := `store quota exceeded for module "notes": 1048576 bytes allowed, 1048000 used, this write needs 900 more`
	if err == nil || err.Error() != want {
		t.Fatalf("error %v\nwant  %s", err, want)
	}
	var qe *QuotaError
	if !errors.As(err, &qe) || *qe != (QuotaError{`module "notes"`, "bytes", 1048576, 1048000, 900}) {
		t.Fatalf("%#v", qe)
	}
}
