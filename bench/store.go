package main

// The -store mode (issue 15, item 5): the store's Get, Set and
// CompareAndSet on a bbolt file (alone, and Shared), and on etcd clusters
// of 1 and 3 members started in this process; then calls/s of a
// store-heavy module on 1 and 3 runtimes sharing one 3-member cluster.

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/corets/corets-wasm/internal/etcdtest"
	"github.com/corets/corets-wasm/kv"
	_ "github.com/corets/corets-wasm/kv/etcdkv" // etcd:// for kv.OpenURL and Options.StoreURL
	"github.com/corets/corets-wasm/modules"
)

type storeOptions struct {
	quick    bool
	opTime   time.Duration // each (store, op, goroutines) cell
	callTime time.Duration // each module row
	keys     int           // keys per partition
	wide     int           // goroutines of the second column
	callers  int           // goroutines making module calls, in all
}

// storeUnderTest is one store of the first table.
type storeUnderTest struct {
	name  string
	db    *kv.DB
	url   string // for runtimes: each opens its own (kv.OpenURL)
	close func()
}

func runStore(ctx context.Context, quick bool) error {
	o := storeOptions{quick: quick, opTime: 2 * time.Second, callTime: 3 * time.Second, keys: 200, wide: 8, callers: 6}
	if quick {
		o.opTime, o.callTime, o.keys = 200*time.Millisecond, 300*time.Millisecond, 20
	}
	start := time.Now()
	load0 := loadAvg()
	dir, err := os.MkdirTemp("", "corets-bench-store-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	stores, err := openStores(dir)
	defer func() {
		for _, s := range stores {
			s.close()
		}
	}()
	if err != nil {
		return err
	}

	var rows [][]string
	for _, s := range stores {
		progress("store %s: %d keys in each of %d partitions ...", s.name, o.keys, o.wide)
		if err := fillStore(s.db, o); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		for _, op := range []string{"Get", "Set", "CompareAndSet"} {
			row := []string{s.name, op}
			for _, g := range []int{1, o.wide} {
				progress("store %s: %s from %d goroutines for %v ...", s.name, op, g, o.opTime)
				r, err := measureStoreOp(s.db, op, g, o)
				if err != nil {
					return fmt.Errorf("%s %s: %w", s.name, op, err)
				}
				row = append(row, ms(r.p50), ms(r.p99), fmt.Sprintf("%.0f", r.perSec))
			}
			rows = append(rows, row)
		}
	}

	var mrows [][]string
	for _, mc := range moduleConfigs(stores, dir, o) {
		progress("module: %s, %d runtimes × %d goroutines (apart: %v) for %v ...", mc.store, mc.runtimes, o.callers/mc.runtimes, mc.apart, o.callTime)
		r, err := measureModule(ctx, mc, o)
		if err != nil {
			return fmt.Errorf("module on %s, %d runtimes: %w", mc.store, mc.runtimes, err)
		}
		modsCell := "1 (one partition)"
		if mc.apart {
			modsCell = fmt.Sprintf("%d, one a runtime (a partition each)", mc.runtimes)
		}
		mrows = append(mrows, []string{mc.store, fmt.Sprint(mc.runtimes), modsCell, fmt.Sprintf("%d × %d", mc.runtimes, o.callers/mc.runtimes),
			fmt.Sprintf("%.0f", r.perSec), ms(r.p50), ms(r.p99)})
	}

	fmt.Printf("## CoreTS-Wasm store figures\n\n")
	fmt.Printf("%s, %d CPUs, %s %s/%s, %s run, %s; load average %s at the start, %s at the end.\n\n",
		cpuModel(), runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH,
		map[bool]string{true: "-store -quick", false: "-store"}[o.quick], time.Now().Format("2006-01-02 15:04"), load0, loadAvg())
	fmt.Printf("The etcd members run in this process (go.etcd.io/etcd/server/v3/embed) on loopback: network latency is near zero, " +
		"so these are the figures of etcd's own work, not of a network. Every store fsyncs each commit (bbolt; etcd's write-ahead log). " +
		"Values of 100 bytes in a module's partition; with several goroutines each writes to its own module's partition, as several modules would " +
		"(writes to one partition take turns on its usage record: see the module table).\n\n")
	printTable([]string{"store", "op",
		"p50, 1 goroutine", "p99", "ops/s",
		fmt.Sprintf("p50, %d goroutines", o.wide), "p99", "ops/s"}, rows)
	fmt.Printf("\n### A store-heavy module: 4 Gets and 1 compare-and-set a call\n\n")
	fmt.Printf("%d goroutines in all make calls; a runtime runs one call of a module at a time, so more runtimes run more calls at once. "+
		"Each goroutine increments its own key, in the module's own groups. Every write to a partition also rewrites its usage record "+
		"(versions and quotas are per partition), so writers of one module take turns: on etcd, concurrent transactions on one partition "+
		"conflict at commit and retry. The last row of each store runs the same code under a different module code on each runtime.\n\n", o.callers)
	printTable([]string{"store", "runtimes", "modules", "goroutines", "calls/s", "p50", "p99"}, mrows)
	fmt.Printf("\nTotal time %.0f s. One machine, one run: compare within a run.\n", time.Since(start).Seconds())
	return nil
}

func openStores(dir string) ([]storeUnderTest, error) {
	var stores []storeUnderTest
	excl := filepath.Join(dir, "excl.db")
	db, err := kv.Open(excl, kv.Options{})
	if err != nil {
		return nil, err
	}
	stores = append(stores, storeUnderTest{name: "bbolt file", db: db, url: excl, close: func() { db.Close() }})
	shared := filepath.Join(dir, "shared.db")
	sdb, err := kv.Open(shared, kv.Options{Shared: true})
	if err != nil {
		return stores, err
	}
	stores = append(stores, storeUnderTest{name: "bbolt file, Shared", db: sdb, url: shared, close: func() { sdb.Close() }})
	for _, n := range []int{1, 3} {
		progress("etcd: starting %d member(s) ...", n)
		c, err := etcdtest.StartCluster(filepath.Join(dir, fmt.Sprintf("etcd%d", n)), n, func(f string, args ...any) { progress(f, args...) })
		if err != nil {
			return stores, err
		}
		url := c.URL("bench")
		edb, err := kv.OpenURL(url, kv.Options{})
		if err != nil {
			c.Close()
			return stores, err
		}
		stores = append(stores, storeUnderTest{name: fmt.Sprintf("etcd, %d member%s", n, map[bool]string{true: "s"}[n > 1]), db: edb, url: url,
			close: func() { edb.Close(); c.Close() }})
	}
	return stores, nil
}

var benchValue = []byte(strings.Repeat("v", 100))

func benchPartition(db *kv.DB, g int) *kv.Partition {
	return db.Module(fmt.Sprintf("bench%d", g), kv.Quota{})
}

// fillStore writes o.keys keys and the compare-and-set key into each of
// o.wide partitions.
func fillStore(db *kv.DB, o storeOptions) error {
	var wg sync.WaitGroup
	errs := make([]error, o.wide)
	for g := range o.wide {
		wg.Go(func() {
			p := benchPartition(db, g)
			for i := range o.keys {
				if _, err := p.Set("g", fmt.Sprint(i), benchValue); err != nil {
					errs[g] = err
					return
				}
			}
			_, errs[g] = p.Set("g", "c", benchValue)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

type rate struct {
	p50, p99 time.Duration
	perSec   float64
}

// measureStoreOp runs op from n goroutines, each on its own partition, for
// o.opTime after a few untimed calls.
func measureStoreOp(db *kv.DB, op string, n int, o storeOptions) (rate, error) {
	return timeCalls(n, o.opTime, func(g int) (func(i int) error, error) {
		p := benchPartition(db, g)
		e, err := p.Get("g", "c")
		if err != nil {
			return nil, err
		}
		version := e.Version
		call := func(i int) error {
			var err error
			switch op {
			case "Get":
				_, err = p.Get("g", fmt.Sprint(i%o.keys))
			case "Set":
				_, err = p.Set("g", fmt.Sprint(i%o.keys), benchValue)
			case "CompareAndSet":
				version, err = p.CompareAndSet("g", "c", benchValue, version)
			}
			return err
		}
		for i := range 5 { // warm
			if err := call(i); err != nil {
				return nil, err
			}
		}
		return call, nil
	})
}

// timeCalls runs n goroutines, each with the call prepare gives it (after
// whatever untimed set-up and warming prepare does), all started at once
// and calling for d, and gives the latencies' p50 and p99 and the calls
// per second of them all.
func timeCalls(n int, d time.Duration, prepare func(g int) (call func(i int) error, err error)) (rate, error) {
	lat := make([][]time.Duration, n)
	errs := make([]error, n)
	var wg, ready, gate sync.WaitGroup
	gate.Add(1)
	ready.Add(n)
	var deadline time.Time
	for g := range n {
		wg.Go(func() {
			call, err := prepare(g)
			ready.Done()
			if errs[g] = err; err != nil {
				return
			}
			gate.Wait()
			for i := 0; time.Now().Before(deadline); i++ {
				t0 := time.Now()
				if errs[g] = call(i); errs[g] != nil {
					return
				}
				lat[g] = append(lat[g], time.Since(t0))
			}
		})
	}
	ready.Wait()
	begin := time.Now()
	deadline = begin.Add(d)
	gate.Done()
	wg.Wait()
	elapsed := time.Since(begin)
	if err := errors.Join(errs...); err != nil {
		return rate{}, err
	}
	all := slices.Concat(lat...)
	slices.Sort(all)
	return rate{p50: percentile(all, 50), p99: percentile(all, 99), perSec: float64(len(all)) / elapsed.Seconds()}, nil
}

// moduleConfig is one row of the module table.
type moduleConfig struct {
	store    string
	runtimes int
	apart    bool // each runtime runs a module of its own (own partition)
	opts     func(appRoot string) modules.Options
}

func moduleConfigs(stores []storeUnderTest, dir string, o storeOptions) []moduleConfig {
	cache := filepath.Join(dir, "cache")
	quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	base := func(root string) modules.Options {
		return modules.Options{AppRoot: root, CacheDir: cache, SkipInstalled: true, Logger: quiet}
	}
	var out []moduleConfig
	for _, s := range stores {
		switch s.name {
		case "bbolt file":
			// A file of its own: the runtime keeps it open to itself.
			path := filepath.Join(dir, "module.db")
			out = append(out, moduleConfig{store: s.name, runtimes: 1, opts: func(root string) modules.Options {
				opt := base(root)
				opt.StorePath = path
				return opt
			}})
		case "bbolt file, Shared":
			path := filepath.Join(dir, "module-shared.db")
			opts := func(root string) modules.Options {
				opt := base(root)
				opt.StorePath, opt.SharedStore = path, true
				return opt
			}
			out = append(out, moduleConfig{store: s.name, runtimes: 1, opts: opts},
				moduleConfig{store: s.name, runtimes: 3, opts: opts},
				moduleConfig{store: s.name, runtimes: 3, apart: true, opts: opts})
		case "etcd, 3 members":
			url := strings.Replace(s.url, "/bench", "/module", 1)
			opts := func(root string) modules.Options {
				opt := base(root)
				opt.StoreURL = url // each runtime its own client
				return opt
			}
			out = append(out, moduleConfig{store: s.name, runtimes: 1, opts: opts},
				moduleConfig{store: s.name, runtimes: 3, opts: opts},
				moduleConfig{store: s.name, runtimes: 3, apart: true, opts: opts})
		}
	}
	return out
}

const heavyManifest = `code: %s
name: Heavy
version: "1.0.0"
`

const heavyMain = `// A store-heavy module: four reads and a compare-and-set a call.
export async function setup() {
  await core.storeSet("cfg", "a", 1);
  await core.storeSet("cfg", "b", 2);
  await core.storeSet("cfg", "c", 3);
}

export async function work(slot: number) {
  const a = await core.storeGet<number>("cfg", "a");
  const b = await core.storeGet<number>("cfg", "b");
  const c = await core.storeGet<number>("cfg", "c");
  for (;;) {
    const cur = await core.storeGetEntry<number>("hits", "s" + slot);
    const r = await core.storeCompareAndSet("hits", "s" + slot, (cur ? cur.value : 0) + 1, cur ? cur.version : 0);
    if (r.ok) return (a ?? 0) + (b ?? 0) + (c ?? 0);
  }
}
`

var slots struct {
	mu   sync.Mutex
	next int
}

func measureModule(ctx context.Context, mc moduleConfig, o storeOptions) (rate, error) {
	codes := make([]string, mc.runtimes)
	for i := range codes {
		codes[i] = "heavy"
		if mc.apart {
			codes[i] = fmt.Sprintf("heavy%d", i)
		}
	}
	var rts []*modules.Runtime
	defer func() {
		for _, rt := range rts {
			rt.Close(context.Background())
		}
	}()
	for range mc.runtimes {
		root, err := os.MkdirTemp("", "corets-bench-root-")
		if err != nil {
			return rate{}, err
		}
		defer os.RemoveAll(root)
		rt, err := modules.Open(ctx, mc.opts(root))
		if err != nil {
			return rate{}, err
		}
		rts = append(rts, rt)
		src, err := writeHeavy(codes[len(rts)-1])
		if err != nil {
			return rate{}, err
		}
		defer os.RemoveAll(src)
		if _, err := rt.Load(ctx, src); err != nil {
			return rate{}, err
		}
		if _, err := rt.Call(ctx, codes[len(rts)-1], "setup"); err != nil {
			return rate{}, err
		}
	}
	per := o.callers / mc.runtimes
	return timeCalls(mc.runtimes*per, o.callTime, func(g int) (func(int) error, error) {
		rt, code := rts[g/per], codes[g/per]
		slots.mu.Lock()
		slot := slots.next
		slots.next++
		slots.mu.Unlock()
		call := func(int) error {
			_, err := rt.Call(ctx, code, "work", slot)
			return err
		}
		return call, call(0) // warm
	})
}

// writeHeavy writes the store-heavy module under code into a new
// directory.
func writeHeavy(code string) (string, error) {
	src, err := os.MkdirTemp("", "corets-bench-heavy-")
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Join(src, ".core"), 0o755); err != nil {
		return src, err
	}
	if err := os.WriteFile(filepath.Join(src, ".core", "view.yml"), []byte(fmt.Sprintf(heavyManifest, code)), 0o644); err != nil {
		return src, err
	}
	return src, os.WriteFile(filepath.Join(src, "main.ts"), []byte(heavyMain), 0o644)
}

// loadAvg is the machine's 1-minute load average, "?" where unknown.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return "?"
}
