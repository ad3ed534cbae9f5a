package kv

import (
	"errors"
	"strconv"
	"sync"
	"testing"
)

func TestCompareAndSet(t *testing.T) {
	t.Parallel()
	eachBackend(t, func(t *testing.T, open opener) {
		p := open(t, Options{}).Module("m", Quota{})
		var v uint64 // the key's version as the test knows it
		type step struct {
			name    string
			op      string // cas, cad
			version func() uint64
			err     error
			current func() uint64 // for conflicts
		}
		zero := func() uint64 { return 0 }
		cur := func() uint64 { return v }
		stale := func() uint64 { return v - 1 }
		future := func() uint64 { return v + 100 }
		steps := []step{
			{"create if absent", "cas", zero, nil, nil},
			{"create again conflicts", "cas", zero, ErrConflict, cur},
			{"stale version", "cas", stale, ErrConflict, cur},
			{"future version", "cas", future, ErrConflict, cur},
			{"current version", "cas", cur, nil, nil},
			{"current version again", "cas", cur, nil, nil},
			{"delete stale", "cad", stale, ErrConflict, cur},
			{"delete expecting absent", "cad", zero, ErrConflict, cur},
			{"delete current", "cad", cur, nil, nil},
			{"delete gone", "cad", func() uint64 { return 7 }, ErrConflict, zero},
			{"delete absent expecting absent", "cad", zero, nil, nil},
			{"set absent with a version", "cas", func() uint64 { return 7 }, ErrConflict, zero},
			{"recreate", "cas", zero, nil, nil},
		}
		for _, s := range steps {
			want := s.version()
			var err error
			switch s.op {
			case "cas":
				var nv uint64
				nv, err = p.CompareAndSet("g", "k", []byte(s.name), want)
				if err == nil {
					if nv <= v {
						t.Fatalf("%s: version %d after %d", s.name, nv, v)
					}
					v = nv
				}
			case "cad":
				err = p.CompareAndDelete("g", "k", want)
				if err == nil && want != 0 {
					v = 0
				}
			}
			wantErr(t, err, s.err)
			if err != nil {
				var ce *ConflictError
				if !errors.As(err, &ce) {
					t.Fatalf("%s: %T %v", s.name, err, err)
				}
				if *ce != (ConflictError{Group: "g", Key: "k", Expected: want, Current: s.current()}) {
					t.Fatalf("%s: %+v", s.name, *ce)
				}
			}
			e, gerr := p.Get("g", "k")
			switch {
			case v == 0 && !errors.Is(gerr, ErrNotFound):
				t.Fatalf("%s: key exists: %+v %v", s.name, e, gerr)
			case v != 0 && (gerr != nil || e.Version != v):
				t.Fatalf("%s: Get = %+v %v, want version %d", s.name, e, gerr, v)
			}
		}
		checkUsage(t, p)
	})
}

func TestConflictErrorMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		e    ConflictError
		want string
	}{
		{ConflictError{"g", "k", 0, 4}, `store conflict on key "k" in group "g": expected it to be absent, it is at version 4`},
		{ConflictError{"g", "k", 3, 0}, `store conflict on key "k" in group "g": expected version 3, it does not exist`},
		{ConflictError{"g", "k", 3, 4}, `store conflict on key "k" in group "g": expected version 3, it is at version 4`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}

// TestCASCounter has 50 goroutines increment one counter with
// compare-and-set retry loops: no increment may be lost.
func TestCASCounter(t *testing.T) {
	t.Parallel()
	const workers, each = 50, 20
	eachBackend(t, func(t *testing.T, open opener) {
		p := open(t, Options{NoSync: true}).Shared(Quota{})
		var wg sync.WaitGroup
		var conflicts sync.Map
		errs := make(chan error, workers)
		for w := range workers {
			wg.Go(func() {
				for range each {
					for {
						n, version := 0, uint64(0)
						e, err := p.Get("counters", "c")
						if err == nil {
							n, _ = strconv.Atoi(string(e.Value))
							version = e.Version
						} else if !errors.Is(err, ErrNotFound) {
							errs <- err
							return
						}
						_, err = p.CompareAndSet("counters", "c", []byte(strconv.Itoa(n+1)), version)
						if err == nil {
							break
						}
						if !errors.Is(err, ErrConflict) {
							errs <- err
							return
						}
						conflicts.Store(w, true)
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		e := must(p.Get("counters", "c"))(t)
		if string(e.Value) != strconv.Itoa(workers*each) {
			t.Fatalf("counter = %s, want %d", e.Value, workers*each)
		}
		if e.Version != workers*each {
			t.Fatalf("version = %d, want %d: a failed compare-and-set used a version", e.Version, workers*each)
		}
	})
}

func TestVersionsNeverRepeat(t *testing.T) {
	t.Parallel()
	eachBackend(t, func(t *testing.T, open opener) {
		db := open(t, Options{})
		p := db.Module("m", Quota{})
		seen := map[uint64]bool{}
		record := func(v uint64) {
			t.Helper()
			if seen[v] || v == 0 {
				t.Fatalf("version %d given twice", v)
			}
			seen[v] = true
		}
		for range 5 {
			record(must(p.Set("g", "k", []byte("x")))(t))
			record(must(p.Set("h", "k", []byte("x")))(t))
			record(must(p.CompareAndSet("g", "new", nil, 0))(t))
			must(p.Delete("g", "k"))(t)
			must(p.Delete("g", "new"))(t)
			must(p.Delete("h", "k"))(t) // the group and its bucket go too
			if err := db.DeleteModule("m"); err != nil {
				t.Fatal(err)
			}
		}
		// Old versions cannot be used against a recreated key.
		old := must(p.Set("g", "k", []byte("a")))(t)
		must(p.Delete("g", "k"))(t)
		must(p.Set("g", "k", []byte("b")))(t)
		if _, err := p.CompareAndSet("g", "k", []byte("c"), old); !errors.Is(err, ErrConflict) {
			t.Fatalf("stale version after re-create: %v", err)
		}
	})
}

// TestConcurrentMixed runs every operation on several partitions at once,
// for the race detector, then checks usage still adds up.
func TestConcurrentMixed(t *testing.T) {
	t.Parallel()
	eachBackend(t, func(t *testing.T, open opener) {
		db := open(t, Options{NoSync: true})
		parts := []*Partition{db.Module("a", Quota{Keys: 30}), db.Module("b", Quota{}), db.Shared(Quota{Bytes: 2000}), db.System()}
		var wg sync.WaitGroup
		for w := range 8 {
			wg.Go(func() {
				r := uint32(w + 1)
				rnd := func(n int) int { r = r*1664525 + 1013904223; return int(r>>8) % n }
				for range 150 {
					p := parts[rnd(len(parts))]
					g := []string{"x", "y"}[rnd(2)]
					if p.kind == kindSystem {
						g = "_" + g
					}
					k := strconv.Itoa(rnd(20))
					var err error
					switch rnd(7) {
					case 0:
						_, err = p.Set(g, k, make([]byte, rnd(100)))
					case 1:
						_, err = p.Delete(g, k)
					case 2:
						_, err = p.Get(g, k)
					case 3:
						_, _, err = p.List(g, "", "", 5)
					case 4:
						_, err = p.CompareAndSet(g, k, nil, uint64(rnd(3)))
					case 5:
						_, err = p.Groups()
					case 6:
						_, err = p.Usage()
					}
					if err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrConflict) && !errors.Is(err, ErrQuota) {
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		for _, p := range parts {
			checkUsage(t, p)
		}
	})
}
