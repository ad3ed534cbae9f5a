package kv

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestMain(m *testing.M) {
	m.Run()
	fuzzStore.Lock()
	defer fuzzStore.Unlock()
	if fuzzStore.dir != "" {
		fuzzStore.db.Close()
		os.RemoveAll(fuzzStore.dir)
	}
}

// fuzzStore is the file store a fuzzing process reuses: opening a new
// bbolt file costs more than a whole run of operations.
var fuzzStore struct {
	sync.Mutex
	dir, path string
	db        *DB
}

// openFuzzStore returns the process's fuzz store, emptied, and a function
// to hand it back (with the DB it ended with: the run may reopen it).
func openFuzzStore(t *testing.T, opt Options) (*DB, string, func(*DB)) {
	fuzzStore.Lock()
	if fuzzStore.dir == "" {
		dir, err := os.MkdirTemp("", "kv-fuzz-")
		if err != nil {
			t.Fatal(err)
		}
		fuzzStore.dir, fuzzStore.path = dir, filepath.Join(dir, "store.db")
	}
	if fuzzStore.db == nil || fuzzStore.db.isClosed() {
		db, err := Open(fuzzStore.path, opt)
		if err != nil {
			fuzzStore.Unlock()
			t.Fatal(err)
		}
		fuzzStore.db = db
	}
	db := fuzzStore.db
	err := db.be.Update(func(root Bucket) error {
		var names [][]byte
		root.Scan(nil, func(k, _ []byte) bool {
			names = append(names, append([]byte{}, k...))
			return true
		})
		for _, n := range names {
			if err := root.DeleteBucket(n); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = db.init()
	}
	if err != nil {
		fuzzStore.Unlock()
		t.Fatal(err)
	}
	return db, fuzzStore.path, func(db *DB) {
		fuzzStore.db = db
		fuzzStore.Unlock()
	}
}

// fuzzReader draws choices from the fuzzer's bytes; zeros when they run out.
type fuzzReader struct{ data []byte }

func (r *fuzzReader) pick(n int) int {
	if len(r.data) == 0 {
		return 0
	}
	b := r.data[0]
	r.data = r.data[1:]
	return int(b) % n
}

var (
	fuzzGroups = []string{"x", "y", "é", "x", "y", "x", "_x", "_", "\x01", "\xffx", "x\x00"}
	fuzzTokens = []string{"", "a", "b", "ab", "é", "\xff", "\x00", "aaaaaaaa"}
	fuzzCodes  = []string{"a", "b", "_x", ""}
)

// fuzzParts are the partitions the fuzzer works on, by index.
func fuzzParts(db *DB) []*Partition {
	return []*Partition{
		db.Module("a", Quota{Bytes: 60, Keys: 5}),
		db.Module("b", Quota{}),
		db.Shared(Quota{Keys: 4}),
		db.System(),
		db.Module("_x", Quota{}),
	}
}

// FuzzOps applies one random sequence of operations to a file store and a
// memory store: every result must agree, usage must add up, versions must
// only grow, and nothing may panic.
func FuzzOps(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 0, 0, 1, 1, 3, 1, 0, 0, 1, 2, 3, 3, 0, 0, 0, 0, 1})
	f.Add([]byte{4, 1, 0, 1, 1, 5, 0, 4, 1, 0, 1, 1, 5, 1, 5, 1, 0, 1, 1, 1, 9, 0, 1, 0, 1, 1})
	f.Add([]byte{1, 0, 0, 3, 2, 19, 1, 0, 0, 2, 2, 15, 1, 0, 0, 3, 3, 15, 8, 0, 1, 0, 0, 3, 2, 1})
	f.Add([]byte(strings.Repeat("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b", 20)))
	f.Fuzz(fuzzOps)
}

func fuzzOps(t *testing.T, data []byte) {
	{
		opt := Options{MaxKeyBytes: 8, MaxValueBytes: 16, MaxListBytes: 40, NoSync: true}
		fdb, path, release := openFuzzStore(t, opt)
		defer func() { release(fdb) }()
		var err error
		mdb := OpenMemory(opt)
		defer mdb.Close()

		r := &fuzzReader{data: data}
		var lastVersion uint64
		partVersion := map[int]uint64{}
		for step := 0; len(r.data) > 0 && step < 300; step++ {
			op := r.pick(11)
			pi := r.pick(5)
			// Most groups fit the partition; "_x" and "_" fit only the
			// system one, plain "x" at index 5 all but the system one.
			gi := r.pick(len(fuzzGroups))
			group := fuzzGroups[gi]
			if pi == 3 && gi < 5 {
				group = "_" + group
			}
			key := fuzzTokens[r.pick(len(fuzzTokens))] + fuzzTokens[r.pick(len(fuzzTokens))]
			value := []byte(strings.Repeat(string(rune('a'+r.pick(26))), r.pick(20)))
			var version uint64
			switch r.pick(4) {
			case 1:
				version = lastVersion
			case 2:
				if e, err := fuzzParts(mdb)[pi].Get(group, key); err == nil {
					version = e.Version
				}
			case 3:
				version = uint64(r.pick(256))
			}
			prefix, after := fuzzTokens[r.pick(len(fuzzTokens))], fuzzTokens[r.pick(len(fuzzTokens))]
			limit := r.pick(5)
			code := fuzzCodes[r.pick(len(fuzzCodes))]

			if op == 10 {
				// Close and reopen the file: nothing may change.
				if err := fdb.Close(); err != nil {
					t.Fatal(err)
				}
				if fdb, err = Open(path, opt); err != nil {
					t.Fatal(err)
				}
				continue
			}
			apply := func(db *DB) (string, uint64) {
				p := fuzzParts(db)[pi]
				switch op {
				case 0:
					e, err := p.Get(group, key)
					return fmt.Sprintf("get %+v %v", e, err), 0
				case 1:
					v, err := p.Set(group, key, value)
					return fmt.Sprintf("set %d %v", v, err), v
				case 2:
					existed, err := p.Delete(group, key)
					return fmt.Sprintf("delete %v %v", existed, err), 0
				case 3:
					entries, next, err := p.List(group, prefix, after, limit)
					return fmt.Sprintf("list %+v %q %v", entries, next, err), 0
				case 4:
					v, err := p.CompareAndSet(group, key, value, version)
					return fmt.Sprintf("cas %d %v", v, err), v
				case 5:
					err := p.CompareAndDelete(group, key, version)
					return fmt.Sprintf("cad %v", err), 0
				case 6:
					u, err := p.Usage()
					return fmt.Sprintf("usage %+v %v", u, err), 0
				case 7:
					g, err := p.Groups()
					return fmt.Sprintf("groups %q %v", g, err), 0
				case 8:
					return fmt.Sprintf("delete module %v", db.DeleteModule(code)), 0
				default:
					m, err := db.Modules()
					return fmt.Sprintf("modules %q %v", m, err), 0
				}
			}
			got, v := apply(fdb)
			want, _ := apply(mdb)
			if got != want {
				t.Fatalf("step %d: file and memory disagree:\nfile:   %s\nmemory: %s", step, got, want)
			}
			if v != 0 {
				if v <= partVersion[pi] {
					t.Fatalf("step %d: version %d after %d", step, v, partVersion[pi])
				}
				partVersion[pi], lastVersion = v, v
			}
		}

		fparts, mparts := fuzzParts(fdb), fuzzParts(mdb)
		for i := range 4 {
			got, want := content(t, fparts[i]), content(t, mparts[i])
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("partition %d differs:\nfile:   %v\nmemory: %v", i, got, want)
			}
			checkUsage(t, fparts[i])
			checkUsage(t, mparts[i])
			if q := fparts[i].quota; q.Keys > 0 {
				if u := must(fparts[i].Usage())(t); u.Keys > q.Keys || (q.Bytes > 0 && u.Bytes > q.Bytes) {
					t.Fatalf("partition %d over quota: %+v", i, u)
				}
			}
		}
	}
}
