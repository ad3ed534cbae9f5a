// Command bench compares CoreTS-Wasm's JavaScript engine (QuickJS in wasm
// under wazero) with goja, modernc.org/quickjs and native QuickJS built with
// gcc, all measured in the same run, and prints markdown tables.
//
//	cd bench && go run .          # full run (a few minutes)
//	cd bench && go run . -quick   # CI smoke: fewer iterations, < 60 s
//	cd bench && go run . -store   # the store's figures: bbolt and etcd (store.go)
//
// Progress goes to stderr, the tables to stdout. It never fails on a timing:
// the targets are printed next to the figures.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

type options struct {
	quick       bool
	coldRuns    int // figure 1
	instances   int // figures 2 and 6
	batches     int // figure 3: batches of perBatch calls
	perBatch    int
	fibN        int // figure 4
	fibRuns     int
	fuelN       int // figure 5
	fuelRuns    int
	workers     int // figure 6
	callTime    time.Duration
	cpuProfile  string // ours' figure 6 phase
	microbench  bool
	buildNative bool
	user        bool // the second table, "as a user runs it"
	npm         bool // its npm-backed rows (deno, big bundle, pako)
	procWarm    int  // whole-process figures: untimed runs first,
	procRuns    int  // then the median of procRuns
}

func main() {
	var o options
	flag.BoolVar(&o.quick, "quick", false, "fewer iterations and a subset of microbench.js, for a CI smoke run (< 60 s)")
	flag.IntVar(&o.coldRuns, "n", 0, "runs of the new-instance-to-first-result figure (default 300, -quick 50)")
	flag.IntVar(&o.instances, "instances", 0, "instances kept alive for the memory and concurrency figures (default 1000, -quick 200)")
	flag.BoolVar(&o.microbench, "microbench", true, "run QuickJS's tests/microbench.js")
	flag.BoolVar(&o.user, "user", true, "measure the second table: the CLI, big bundle, strings and CPU-heavy JS with node, deno and the in-process peers")
	flag.BoolVar(&o.npm, "npm", true, "install deno and the big bundle's packages with npm into the user cache (skipped with -quick)")
	flag.DurationVar(&o.callTime, "calltime", 0, "how long each engine makes calls in the N instances × 20 goroutines figure (default 2s, -quick 200ms)")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of ours' N instances × 20 goroutines phase to this file")
	native := flag.String("build-native", "auto", "build bench/native/qjs when missing: auto (not with -quick), yes, no")
	store := flag.Bool("store", false, "instead of the engine figures: the store's (bbolt and etcd; Get/Set/CompareAndSet, a store-heavy module on 1 and 3 runtimes; store.go); with -quick, a short run")
	corpus := flag.Bool("corpus", false, "instead of the figures: run the npm corpus and the web-platform probe under node and corets-wasm and compare them (corpus.go)")
	flag.Parse()
	if *store {
		if err := runStore(context.Background(), o.quick); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if *corpus {
		if err := runCorpus(context.Background()); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}

	o.fibN, o.fuelN, o.fuelRuns, o.workers = 30, 25, 5, 20
	if o.quick {
		o.coldRuns = or(o.coldRuns, 50)
		o.instances = or(o.instances, 200)
		o.batches, o.perBatch = 10, 1000
		o.fibRuns = 1
		o.callTime = orD(o.callTime, 200*time.Millisecond)
		o.procWarm, o.procRuns = 1, 3
	} else {
		o.coldRuns = or(o.coldRuns, 300)
		o.instances = or(o.instances, 1000)
		o.batches, o.perBatch = 20, 5000
		o.fibRuns = 5
		o.callTime = orD(o.callTime, 2*time.Second)
		o.procWarm, o.procRuns = 3, 21
	}
	o.buildNative = *native == "yes" || (*native == "auto" && !o.quick)

	if err := run(context.Background(), o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func or(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

func orD(v, def time.Duration) time.Duration {
	if v > 0 {
		return v
	}
	return def
}

// started is when the run began, for the elapsed time on progress lines.
var started = time.Now()

func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[%5.1fs] "+format+"\n", append([]any{time.Since(started).Seconds()}, args...)...)
}

// Columns of the main table.
const (
	colOurs = iota
	colGoja
	colModernc
	colNative
	nCols
)

type row struct {
	figure string
	cells  [nCols]string
	target string
}

// perEngine is what figures 1-4 and 6 measured for one engine.
type perEngine struct {
	coldP50, coldP99 time.Duration
	idle             idleMem
	calls            concurrency
	roundTripNs      float64
	fib              time.Duration
	err              error
}

func run(ctx context.Context, o options) error {
	start := time.Now()
	oursE, err := newOurs(ctx)
	if err != nil {
		return fmt.Errorf("ours: %w", err)
	}
	defer oursE.close()
	gojaE, err := newGoja()
	if err != nil {
		return fmt.Errorf("goja: %w", err)
	}
	moderncE, err := newModernc()
	if err != nil {
		return fmt.Errorf("modernc: %w", err)
	}
	engines := []engine{oursE, gojaE, moderncE}

	results := make([]perEngine, len(engines))
	for i, e := range engines {
		results[i] = measureEngine(ctx, e, o)
	}

	// fib with and without fuel metering, interleaved so that drift in the
	// machine's speed affects both alike.
	progress("ours: fib(%d) unmetered vs metered ...", o.fibN)
	unmetered, metered, meterErr := fibMetered(ctx, oursE, o.fibN, o.fibRuns)
	if meterErr == nil {
		results[colOurs].fib = unmetered // the interleaved figure replaces the first
	}

	progress("ours: fuel of fib(%d), %d fresh instances ...", o.fuelN, o.fuelRuns)
	fuels, fuelErr := oursE.fuelOfFib(ctx, o.fuelN, o.fuelRuns)

	qjs, nativeNote := ensureQJS(o.buildNative)
	var nativeFibT time.Duration
	var nativeErr error
	if qjs != "" {
		progress("native: fib(%d) x %d ...", o.fibN, o.fibRuns)
		var ds []time.Duration
		ds, nativeErr = nativeFib(qjs, o.fibN, o.fibRuns)
		nativeFibT = median(ds)
	}

	// The main table.
	rows := mainRows(o, results, metered, meterErr, nativeFibT, nativeErr, qjs != "", fuels, fuelErr)

	var urows []urow
	var userNote string
	if o.user {
		urows, userNote = userTable(ctx, o, oursE, gojaE, moderncE)
	}

	var mb []mbRow
	var mbNote string
	var mbErr error
	if o.microbench {
		mb, mbNote, mbErr = runMicrobench(ctx, oursE, qjs, o)
	}

	fmt.Printf("## CoreTS-Wasm benchmark\n\n")
	fmt.Printf("%s, %d CPUs, %s %s/%s, %s run, %s.\n\n", cpuModel(), runtime.NumCPU(), runtime.Version(),
		runtime.GOOS, runtime.GOARCH, map[bool]string{true: "-quick", false: "full"}[o.quick], time.Now().Format("2006-01-02 15:04"))
	printTable([]string{"figure", "ours", "goja", "modernc.org/quickjs", "native QuickJS (gcc)", "target"}, rowsToCells(rows))
	if nativeNote != "" {
		fmt.Printf("\nNative: %s.\n", nativeNote)
	}
	for i, r := range results {
		if r.err != nil {
			fmt.Printf("\n%s: %v\n", engines[i].name(), r.err)
		}
	}
	if o.user {
		fmt.Printf("\n### As a user runs it: whole processes, big bundle, strings, CPU-heavy JS\n\n")
		printTable([]string{"figure", "ours", "node", "deno", "modernc.org/quickjs", "goja", "ours / node", "target"}, urowsToCells(urows))
		if userNote != "" {
			fmt.Printf("\n%s\n", userNote)
		}
	}
	if o.microbench {
		fmt.Printf("\n### QuickJS tests/microbench.js (ns per iteration, lower is better)\n\n")
		if mbErr != nil {
			fmt.Printf("microbench.js: %v\n", mbErr)
		}
		if len(mb) > 0 {
			printTable([]string{"test", "native", "ours", "ours / native"}, mbCells(mb))
		}
		if mbNote != "" {
			fmt.Printf("\n%s\n", mbNote)
		}
	}
	fmt.Printf("\nTotal time %.0f s. One machine, one run: compare ratios within a run, not across machines.\n", time.Since(start).Seconds())
	return nil
}

// measureEngine runs figures 1-4 and 6 for one engine, keeping the first
// error and skipping what depends on it.
func measureEngine(ctx context.Context, e engine, o options) (r perEngine) {
	name := e.name()
	progress("%s: new instance to first result x %d ...", name, o.coldRuns)
	ds, err := coldStart(ctx, e, o.coldRuns)
	if err != nil {
		r.err = fmt.Errorf("cold start: %w", err)
		return r
	}
	r.coldP50, r.coldP99 = percentile(ds, 50), percentile(ds, 99)

	progress("%s: %d idle instances ...", name, o.instances)
	vms, idle, err := idleMemory(ctx, e, o.instances)
	if err != nil {
		r.err = fmt.Errorf("idle memory: %w", err)
		return r
	}
	r.idle = idle
	progress("%s: calls from %d goroutines for %v ...", name, o.workers, o.callTime)
	stop := func() {}
	if o.cpuProfile != "" && name == "ours" {
		if stop, err = startCPUProfile(o.cpuProfile); err != nil {
			closeAll(vms)
			r.err = err
			return r
		}
	}
	r.calls = concurrent(vms, o.workers, o.callTime)
	stop()
	closeAll(vms)

	v, err := e.newVM(ctx)
	if err != nil {
		r.err = err
		return r
	}
	defer v.close()
	progress("%s: add(1, 2) round trip ...", name)
	if r.roundTripNs, err = roundTrip(v, o.batches, o.perBatch); err != nil {
		r.err = fmt.Errorf("round trip: %w", err)
		return r
	}
	progress("%s: fib(%d) x %d ...", name, o.fibN, o.fibRuns)
	fds, err := fibTimes(v, o.fibN, o.fibRuns)
	if err != nil {
		r.err = fmt.Errorf("fib: %w", err)
		return r
	}
	r.fib = median(fds)
	return r
}

// fibMetered times fib(n) in ours without and with fuel metering,
// alternating, and returns both medians.
func fibMetered(ctx context.Context, o *ours, n, runs int) (unmetered, metered time.Duration, err error) {
	u, err := o.newVM(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer u.close()
	m, err := o.metered(1e12).newVM(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer m.close()
	var us, ms []time.Duration
	for i := 0; i < runs; i++ {
		d, err := fibTimes(u, n, 1)
		if err != nil {
			return 0, 0, err
		}
		us = append(us, d...)
		if d, err = fibTimes(m, n, 1); err != nil {
			return 0, 0, err
		}
		ms = append(ms, d...)
	}
	return median(us), median(ms), nil
}

func mainRows(o options, r []perEngine, metered time.Duration, meterErr error, nativeFibT time.Duration, nativeErr error,
	haveNative bool, fuels []int64, fuelErr error) []row {
	each := func(f func(p perEngine) string) (c [nCols]string) {
		for i := range c {
			c[i] = dash
		}
		for i, p := range r {
			if p.err != nil {
				c[i] = "error"
				continue
			}
			c[i] = f(p)
		}
		return c
	}
	ours, modernc := r[colOurs], r[colModernc]
	var rows []row
	// Targets relative to modernc use this run's modernc figure.
	moderncOK := modernc.err == nil && ours.err == nil

	rows = append(rows,
		row{fmt.Sprintf("new instance + bundle → first call result, p50 (%d runs)", o.coldRuns),
			each(func(p perEngine) string { return ms(p.coldP50) }), relTarget("≤ modernc", modernc.err == nil, ms(modernc.coldP50), moderncOK && ours.coldP50 <= modernc.coldP50)},
		row{fmt.Sprintf("new instance + bundle → first call result, p99 (%d runs)", o.coldRuns),
			each(func(p perEngine) string { return ms(p.coldP99) }), dash},
		row{fmt.Sprintf("idle memory per instance, %d alive (PSS delta / n)", o.instances),
			each(func(p perEngine) string { return kibOrDash(p.idle.pssKiB, p.idle.ok) }), mark("≤ 192 KiB", ours.err == nil && ours.idle.ok && ours.idle.pssKiB <= 192)},
		row{"… RSS delta / n (counts each shared image page in full)",
			each(func(p perEngine) string { return kibOrDash(p.idle.rssKiB, p.idle.ok) }), dash},
		row{"… of which Go heap (MemStats.HeapAlloc delta / n)",
			each(func(p perEngine) string { return kibOrDash(p.idle.goHeapKiB, true) }), dash},
		row{"… the rest: PSS − Go heap (guest memory, mappings)",
			each(func(p perEngine) string { return kibOrDash(p.idle.pssKiB-p.idle.goHeapKiB, p.idle.ok) }), dash},
		row{"Go → JS call round trip, add(1,2), median ns/op",
			each(func(p perEngine) string { return us(p.roundTripNs) }), mark("≤ 1.5 µs", ours.err == nil && ours.roundTripNs <= 1500)},
		hostCallRow(),
	)

	fibCells := each(func(p perEngine) string { return ms(p.fib) })
	switch {
	case nativeErr != nil:
		fibCells[colNative] = "error"
	case haveNative:
		fibCells[colNative] = ms(nativeFibT)
	}
	rows = append(rows, row{fmt.Sprintf("fib(%d), median of %d (ours unmetered)", o.fibN, o.fibRuns), fibCells,
		relTarget("≤ modernc", modernc.err == nil, ms(modernc.fib), moderncOK && ours.fib <= modernc.fib)})

	meteredCells := [nCols]string{dash, dash, dash, dash}
	ratioCells := meteredCells
	nativeRatio := meteredCells
	meteredMet, nativeMet := false, false
	if meterErr != nil {
		meteredCells[colOurs], ratioCells[colOurs] = "error", "error"
	} else {
		meteredCells[colOurs] = ms(metered)
		ratio := float64(metered) / float64(ours.fib)
		ratioCells[colOurs] = fmt.Sprintf("%.3f", ratio)
		meteredMet = ratio <= 1.05
	}
	if haveNative && nativeErr == nil && nativeFibT > 0 && ours.fib > 0 {
		ratio := float64(ours.fib) / float64(nativeFibT)
		nativeRatio[colOurs] = fmt.Sprintf("%.2f", ratio)
		nativeMet = ratio <= 2.3
	}
	rows = append(rows,
		row{fmt.Sprintf("fib(%d) with fuel metering (Fuel 1e12), median of %d", o.fibN, o.fibRuns), meteredCells, dash},
		row{fmt.Sprintf("fib(%d) metered / unmetered", o.fibN), ratioCells, mark("≤ 1.05", meteredMet)},
		row{fmt.Sprintf("fib(%d) ours / native QuickJS", o.fibN), nativeRatio, mark("≤ 2.3", nativeMet)},
	)

	fuelCells := [nCols]string{dash, dash, dash, dash}
	identical := false
	if fuelErr != nil {
		fuelCells[colOurs] = "error: " + fuelErr.Error()
	} else {
		identical = true
		for _, f := range fuels {
			identical = identical && f == fuels[0]
		}
		verdict := "identical"
		if !identical {
			verdict = fmt.Sprintf("DIFFERS %v", fuels)
		}
		fuelCells[colOurs] = fmt.Sprintf("%d (%s)", fuels[0], verdict)
	}
	rows = append(rows, row{fmt.Sprintf("fuel used by fib(%d), %d fresh instances", o.fuelN, o.fuelRuns), fuelCells, mark("identical", identical)})

	rows = append(rows,
		row{fmt.Sprintf("%d instances, %d goroutines, short calls for %v: calls/s", o.instances, o.workers, o.callTime),
			each(func(p perEngine) string { return fmt.Sprintf("%.0f", p.calls.callsPerSec) }), mark("≥ 600,000", ours.err == nil && ours.calls.callsPerSec >= 600000)},
		row{"… process CPU time per call (all threads)", each(func(p perEngine) string {
			if p.calls.cpuNsPerCall < 0 {
				return dash
			}
			return us(p.calls.cpuNsPerCall)
		}), dash},
		row{"… failed calls", each(func(p perEngine) string { return fmt.Sprint(p.calls.errs) }), mark("0", ours.err == nil && ours.calls.errs == 0)},
	)
	return rows
}

// dash is an empty cell.
const dash = "—"

func kibOrDash(kib float64, ok bool) string {
	if !ok {
		return dash
	}
	if kib > -0.5 && kib < 0.5 {
		kib = 0 // not "-0 KiB"
	}
	return fmt.Sprintf("%.0f KiB", kib)
}

// relTarget is a target relative to a peer, with the peer's figure of this
// run: "≤ modernc (0.109 ms) ✓".
func relTarget(target string, havePeer bool, peer string, met bool) string {
	if !havePeer {
		return target + " (peer failed)"
	}
	return mark(fmt.Sprintf("%s (%s)", target, peer), met)
}

// mark appends whether ours meets the target, for the reader; nothing fails
// on it.
func mark(target string, met bool) string {
	if met {
		return target + " ✓"
	}
	return target + " ✗"
}

func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f ms", v)
	case v >= 1:
		return fmt.Sprintf("%.1f ms", v)
	default:
		return fmt.Sprintf("%.3f ms", v)
	}
}

func us(ns float64) string {
	if ns >= 1000 {
		return fmt.Sprintf("%.2f µs", ns/1000)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

func rowsToCells(rows []row) [][]string {
	var out [][]string
	for _, r := range rows {
		out = append(out, append(append([]string{r.figure}, r.cells[:]...), r.target))
	}
	return out
}

func printTable(head []string, rows [][]string) {
	line := func(cells []string) {
		fmt.Printf("| %s |\n", strings.Join(cells, " | "))
	}
	line(head)
	sep := make([]string, len(head))
	for i := range sep {
		sep[i] = "---"
		if i > 0 {
			sep[i] = "---:"
		}
	}
	line(sep)
	for _, r := range rows {
		line(r)
	}
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

// hostCallRow measures our JS → host → JS round trip (best of 5 loops of
// 100,000 calls, less the same loop calling a JS function).
func hostCallRow() row {
	ns, err := hostCallNs(context.Background(), 100000)
	cell := fmt.Sprintf("%.0f ns", ns)
	if err != nil {
		cell = "error: " + err.Error()
	}
	return row{"JS → host → JS call round trip (less a JS call)", [nCols]string{cell, "—", "—", "—"}, mark("≤ 0.3 µs", err == nil && ns <= 300)}
}
