package modules

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/internal/testutil"
)

// The load and soak harness (issue 5, item 4). The normal test run does a
// small form; the full one is
//
//	go test ./modules -run TestSoak -soak -soak.modules 1000 -soak.calls 100000 -timeout 30m -v
//
// It asserts behaviour only: healthy modules always answer right while
// others loop, run out of memory or throw; a fault stays in its module;
// goroutines return to their baseline after Close. Throughput, latency
// and RSS are reported, never asserted: the machines are shared and noisy.
var (
	soakFull    = flag.Bool("soak", false, "TestSoak: run the full load and soak form (defaults 1,000 modules and 100,000 calls; minutes)")
	soakModules = flag.Int("soak.modules", 0, "TestSoak: modules to load (default 50, or 1000 with -soak)")
	soakCalls   = flag.Int("soak.calls", 0, "TestSoak: calls to make (default 2000, or 100000 with -soak)")
	soakWorkers = flag.Int("soak.workers", 8, "TestSoak: goroutines making calls")
	soakSeed    = flag.Uint64("soak.seed", 1, "TestSoak: seed choosing which module each call goes to")
	soakMemKV   = flag.Bool("soak.memstore", false, "TestSoak: keep the store in memory (no fsync per write), to tell the store's cost from the engine's")
)

// soakKind is what a module in the soak does when its fault is called.
type soakKind int

const (
	soakHealthy  soakKind = iota
	soakLooping           // for(;;){} under a 100 ms timeout: dies, restarts
	soakOOM               // allocates without bound under 8 MiB: dies, restarts
	soakThrowing          // throws: the call fails, the instance lives
	numSoakKinds
)

var soakKindNames = [numSoakKinds]string{"healthy", "looping", "out of memory", "throwing"}

// soakKindOf spreads the faults: 5% of the modules of each faulty kind.
func soakKindOf(i int) soakKind {
	switch i % 20 {
	case 3:
		return soakLooping
	case 8:
		return soakOOM
	case 13:
		return soakThrowing
	}
	return soakHealthy
}

// Every module of a kind shares its source; each has its own directory
// and code. ping is there so faulty modules answer between their faults.
var soakSources = [numSoakKinds]struct{ manifest, main, fault string }{
	soakHealthy: {"", `let calls = 0;
export async function work(worker: number, n: number) {
  calls++;
  // only this worker writes this key of this module's group
  const key = "w" + worker;
  await core.storeSet("soak", key, { n });
  const got = await core.storeGet<{ n: number }>("soak", key);
  return { code: core.module.code, n: got === null ? -1 : got.n, sum: worker + n, calls };
}
export const ping = (n: number) => ({ code: core.module.code, n });
`, "work"},
	soakLooping: {"limits: {timeout: 100ms}\n", `export function spin(): never {
  for (;;) {}
}
export const ping = (n: number) => ({ code: core.module.code, n });
`, "spin"},
	soakOOM: {"limits: {memory: 8MiB}\n", `export function hog(): never {
  const keep: string[] = [];
  for (let i = 0; ; i++) keep.push("x".repeat(1024) + i);
}
export const ping = (n: number) => ({ code: core.module.code, n });
`, "hog"},
	soakThrowing: {"", `let thrown = 0;
export function fail(n: number): never {
  thrown++;
  throw new RangeError("soak failure " + n);
}
export const ping = (n: number) => ({ code: core.module.code, n });
`, "fail"},
}

// soakOutcome is how a call ended.
type soakOutcome int

const (
	soakOK soakOutcome = iota
	soakTimeout
	soakMemory
	soakException
	soakNotRunning // a STOPPED module failing fast
	soakDead       // the call raced the instance's death (ErrDead, ErrClosed)
	soakOther      // anything else: always a failure
	soakNumOutcomes
)

var soakOutcomeNames = [soakNumOutcomes]string{"ok", "timeout", "memory", "exception", "not running", "dead (raced)", "other"}

func classifySoak(err error) soakOutcome {
	var nr *NotRunningError
	var ex *jsengine.Exception
	switch {
	case err == nil:
		return soakOK
	case errors.As(err, &nr):
		return soakNotRunning
	case errors.Is(err, jsengine.ErrDead), errors.Is(err, jsengine.ErrClosed):
		// the call took the instance just before it died (and was closed)
		return soakDead
	case errors.Is(err, jsengine.ErrTimeout):
		return soakTimeout
	case errors.Is(err, jsengine.ErrMemory):
		return soakMemory
	case errors.As(err, &ex):
		return soakException
	}
	return soakOther
}

// soakAllowed is which outcomes each kind's fault call may have; ping and
// a healthy module's work may only succeed, or, for a module that dies,
// meet it STOPPED or dying.
var soakAllowed = [numSoakKinds][soakNumOutcomes]bool{
	soakHealthy:  {soakOK: true},
	soakLooping:  {soakTimeout: true, soakNotRunning: true, soakDead: true},
	soakOOM:      {soakMemory: true, soakNotRunning: true, soakDead: true},
	soakThrowing: {soakException: true},
}

func soakPingAllowed(k soakKind, o soakOutcome) bool {
	switch k {
	case soakLooping, soakOOM:
		return o == soakOK || o == soakNotRunning || o == soakDead
	}
	return o == soakOK
}

// soakStats is one worker's tally, merged at the end.
type soakStats struct {
	outcomes [numSoakKinds][soakNumOutcomes]int
	okLat    []time.Duration // successful calls, every module
	healthy  []time.Duration // successful calls to healthy modules
	fastFail []time.Duration // calls refused with NotRunningError
	bad      []string        // the first wrong answers and unexpected errors
	nbad     int
}

func (s *soakStats) fail(format string, args ...any) {
	s.nbad++
	if len(s.bad) < 10 {
		s.bad = append(s.bad, fmt.Sprintf(format, args...))
	}
}

func (s *soakStats) merge(o *soakStats) {
	for k := range o.outcomes {
		for c := range o.outcomes[k] {
			s.outcomes[k][c] += o.outcomes[k][c]
		}
	}
	s.okLat = append(s.okLat, o.okLat...)
	s.healthy = append(s.healthy, o.healthy...)
	s.fastFail = append(s.fastFail, o.fastFail...)
	s.nbad += o.nbad
	for _, b := range o.bad {
		if len(s.bad) < 20 {
			s.bad = append(s.bad, b)
		}
	}
}

// soakSample is the process's footprint at one moment.
type soakSample struct {
	phase      string
	goroutines int
	rss        uint64
}

// soakRSS is the resident set from /proc/self/statm where there is one,
// else what the Go runtime holds from the OS (which misses memory the
// runtime did not allocate, such as wazero's mmapped linear memories).
func soakRSS() (uint64, string) {
	if b, err := os.ReadFile("/proc/self/statm"); err == nil {
		if f := strings.Fields(string(b)); len(f) > 1 {
			if pages, err := strconv.ParseUint(f[1], 10, 64); err == nil {
				return pages * uint64(os.Getpagesize()), "RSS (/proc/self/statm)"
			}
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.Sys - ms.HeapReleased, "Go runtime memory (MemStats.Sys-HeapReleased)"
}

// soakSettle collects garbage, returns freed memory to the OS and waits a
// little, so a sample counts what is still held, not what is pending.
func soakSettle(phase string) soakSample {
	for range 2 {
		runtime.GC()
		debug.FreeOSMemory()
		time.Sleep(100 * time.Millisecond) // a figure for the report, never asserted
	}
	rss, _ := soakRSS()
	return soakSample{phase, runtime.NumGoroutine(), rss}
}

func soakPercentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	i := int(p * float64(len(d)-1))
	return d[i]
}

func TestSoak(t *testing.T) {
	// Not parallel: counts the process's goroutines and reports its RSS.
	nMods, nCalls := 50, 2000
	if testing.Short() {
		nMods, nCalls = 20, 400
	}
	if *soakFull {
		nMods, nCalls = 1000, 100_000
	}
	if *soakModules > 0 {
		nMods = *soakModules
	}
	if *soakCalls > 0 {
		nCalls = *soakCalls
	}
	workers := max(*soakWorkers, 1)
	const goroutineMargin = 10

	base := soakSettle("baseline (before Open)")
	samples := []soakSample{base}

	root := t.TempDir()
	r, err := Open(context.Background(), Options{
		AppRoot:       root,
		StorePath:     filepath.Join(t.TempDir(), "store.db"),
		MemoryStore:   *soakMemKV,
		NoDiskCache:   true, // hermetic: nothing in the user's cache directory
		SkipInstalled: true,
		Output:        func(module, level, text string) {}, // the faults' "instance stopped" lines
		Restart:       RestartPolicy{Initial: 50 * time.Millisecond, Max: 500 * time.Millisecond, Failures: 1000, Window: time.Minute},
	})
	if err != nil {
		t.Fatal(err)
	}
	closed := false
	defer func() {
		if !closed {
			r.Close(context.Background())
		}
	}()
	ctx := context.Background()

	// Load: every module its own directory, several loads at a time.
	codes := make([]string, nMods)
	kinds := make([]soakKind, nMods)
	for i := range nMods {
		codes[i], kinds[i] = fmt.Sprintf("soak-%04d", i), soakKindOf(i)
		src := soakSources[kinds[i]]
		writeModule(t, filepath.Join(root, "mods", codes[i]), map[string]string{
			".core/view.yml": "code: " + codes[i] + "\n" + src.manifest,
			"main.ts":        src.main,
		})
	}
	loadStart := time.Now()
	var loadErrs, loadRetries atomic.Int32
	var lwg sync.WaitGroup
	next := atomic.Int64{}
	for range workers {
		lwg.Add(1)
		go func() {
			defer lwg.Done()
			for i := int(next.Add(1) - 1); i < nMods; i = int(next.Add(1) - 1) {
				_, err := r.Load(ctx, filepath.Join(root, "mods", codes[i]))
				// A looping module's 100 ms timeout covers its load and
				// init too, which a busy machine can stretch past it:
				// that is the module's limit working, so try again.
				for try := 0; err != nil && kinds[i] == soakLooping && errors.Is(err, jsengine.ErrTimeout) && try < 10; try++ {
					loadRetries.Add(1)
					r.Unload(ctx, codes[i])
					_, err = r.Load(ctx, filepath.Join(root, "mods", codes[i]))
				}
				if err != nil {
					if loadErrs.Add(1) <= 5 {
						t.Errorf("load %s: %v", codes[i], err)
					}
				}
			}
		}()
	}
	lwg.Wait()
	loadTime := time.Since(loadStart)
	if loadErrs.Load() > 0 {
		t.Fatalf("%d modules failed to load", loadErrs.Load())
	}
	samples = append(samples, soakSettle(fmt.Sprintf("%d modules loaded", nMods)))

	// Calls: workers pick modules at random; faulty modules get their
	// fault half the time and ping otherwise.
	var done atomic.Int64
	stopProgress := make(chan struct{})
	var pwg sync.WaitGroup
	if *soakFull || nCalls >= 20_000 {
		pwg.Add(1)
		go func() {
			defer pwg.Done()
			tick := time.NewTicker(10 * time.Second)
			defer tick.Stop()
			start := time.Now()
			for {
				select {
				case <-stopProgress:
					return
				case <-tick.C:
					n := done.Load()
					t.Logf("soak: %d/%d calls, %.0f calls/s, %d goroutines", n, nCalls, float64(n)/time.Since(start).Seconds(), runtime.NumGoroutine())
				}
			}
		}()
	}
	stats := make([]soakStats, workers)
	var counter atomic.Int64
	callStart := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			st := &stats[w]
			rng := rand.New(rand.NewPCG(*soakSeed, uint64(w)))
			for {
				n := int(counter.Add(1))
				if n > nCalls {
					return
				}
				i := rng.IntN(nMods)
				k := kinds[i]
				fn := "ping"
				if k == soakHealthy || rng.IntN(2) == 0 {
					fn = soakSources[k].fault
				}
				var args []any
				switch fn {
				case "work":
					args = []any{w, n}
				default:
					args = []any{n}
				}
				// a generous deadline: a hang becomes a failure, not a stuck test
				cctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
				t0 := time.Now()
				out, err := r.Call(cctx, codes[i], fn, args...)
				lat := time.Since(t0)
				cancel()
				done.Add(1)
				o := classifySoak(err)
				st.outcomes[k][o]++
				ok := o == soakOK
				if fn == "ping" {
					if !soakPingAllowed(k, o) {
						st.fail("%s (%s).ping(%d): %v", codes[i], soakKindNames[k], n, err)
						continue
					}
				} else if !soakAllowed[k][o] {
					st.fail("%s (%s).%s(%d): %s %v %s", codes[i], soakKindNames[k], fn, n, soakOutcomeNames[o], err, out)
					continue
				}
				switch {
				case ok && fn == "work":
					var got struct {
						Code   string
						N, Sum int
					}
					if json.Unmarshal(out, &got) != nil || got.Code != codes[i] || got.N != n || got.Sum != w+n {
						st.fail("%s.work(%d, %d) = %s", codes[i], w, n, out)
						continue
					}
					st.healthy = append(st.healthy, lat)
				case ok:
					var got struct {
						Code string
						N    int
					}
					if json.Unmarshal(out, &got) != nil || got.Code != codes[i] || got.N != n {
						st.fail("%s.ping(%d) = %s", codes[i], n, out)
						continue
					}
				case o == soakException:
					var ex *jsengine.Exception
					errors.As(err, &ex) // classifySoak found one
					if ex.Name != "RangeError" || ex.Message != fmt.Sprintf("soak failure %d", n) {
						st.fail("%s.fail(%d) threw %s: %s", codes[i], n, ex.Name, ex.Message)
						continue
					}
				case o == soakNotRunning:
					st.fastFail = append(st.fastFail, lat)
				}
				if ok {
					st.okLat = append(st.okLat, lat)
				}
			}
		}(w)
	}
	wg.Wait()
	callTime := time.Since(callStart)
	close(stopProgress)
	pwg.Wait()

	var all soakStats
	for w := range stats {
		all.merge(&stats[w])
	}
	for _, d := range [][]time.Duration{all.okLat, all.healthy, all.fastFail} {
		slices.Sort(d)
	}

	// What the registry saw: restarts, and the state each module ended in.
	var restarts [numSoakKinds]int
	states := map[string]int{}
	var errored []string // why, for the first few ERRORED modules
	for _, st := range r.List() {
		i, _ := strconv.Atoi(strings.TrimPrefix(st.Code, "soak-"))
		k := kinds[i]
		restarts[k] += st.Restarts
		states[soakKindNames[k]+" "+string(st.State)]++
		if st.State == StateErrored && len(errored) < 5 {
			errored = append(errored, st.Code+": "+st.Error)
		}
		if (k == soakHealthy || k == soakThrowing) && (st.State != StateRunning || st.Restarts != 0) {
			t.Errorf("%s (%s) ended %s after %d restarts: %s", st.Code, soakKindNames[k], st.State, st.Restarts, st.Error)
		}
	}
	samples = append(samples, soakSettle(fmt.Sprintf("after %d calls", nCalls)))

	unloadStart := time.Now()
	for _, c := range codes {
		if err := r.Unload(ctx, c); err != nil {
			t.Errorf("unload %s: %v", c, err)
		}
	}
	unloadTime := time.Since(unloadStart)
	if l := r.List(); len(l) != 0 {
		t.Errorf("%d modules listed after unloading all", len(l))
	}
	samples = append(samples, soakSettle("all unloaded (runtime open)"))
	closeErr := r.Close(context.Background())
	closed = true
	if closeErr != nil {
		t.Errorf("close: %v", closeErr)
	}
	// Goroutines may take a moment to see their instance close.
	var after soakSample
	testutil.Eventually(t, func() bool {
		after = soakSettle("runtime closed")
		return after.goroutines <= base.goroutines+goroutineMargin
	})
	samples = append(samples, after)

	// The report.
	var b strings.Builder
	store := "file (fsync per write)"
	if *soakMemKV {
		store = "memory"
	}
	fmt.Fprintf(&b, "soak: %d modules (%d workers, seed %d), %d calls, store in %s\n", nMods, workers, *soakSeed, nCalls, store)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "phase\ttime\trate\t\n")
	fmt.Fprintf(tw, "load\t%s\t%.0f modules/s\t\n", loadTime.Round(time.Millisecond), float64(nMods)/loadTime.Seconds())
	if n := loadRetries.Load(); n > 0 {
		fmt.Fprintf(tw, "load retries (looping modules' 100 ms timeout)\t%d\t\t\n", n)
	}
	fmt.Fprintf(tw, "calls\t%s\t%.0f calls/s\t\n", callTime.Round(time.Millisecond), float64(nCalls)/callTime.Seconds())
	fmt.Fprintf(tw, "unload\t%s\t%.0f modules/s\t\n", unloadTime.Round(time.Millisecond), float64(nMods)/unloadTime.Seconds())
	fmt.Fprintf(tw, "\t\t\t\n")
	fmt.Fprintf(tw, "latency\tcalls\tp50\tp99\tmax\t\n")
	for _, l := range []struct {
		name string
		d    []time.Duration
	}{{"ok, healthy modules", all.healthy}, {"ok, every module", all.okLat}, {"not running (fail fast)", all.fastFail}} {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t\n", l.name, len(l.d), soakPercentile(l.d, .5).Round(time.Microsecond),
			soakPercentile(l.d, .99).Round(time.Microsecond), soakPercentile(l.d, 1).Round(time.Microsecond))
	}
	fmt.Fprintf(tw, "\t\t\t\t\t\n")
	fmt.Fprintf(tw, "outcome")
	for k := range numSoakKinds {
		fmt.Fprintf(tw, "\t%s", soakKindNames[k])
	}
	fmt.Fprintf(tw, "\tall\t\n")
	for o := range soakNumOutcomes {
		fmt.Fprintf(tw, "%s", soakOutcomeNames[o])
		sum := 0
		for k := range numSoakKinds {
			fmt.Fprintf(tw, "\t%d", all.outcomes[k][o])
			sum += all.outcomes[k][o]
		}
		fmt.Fprintf(tw, "\t%d\t\n", sum)
	}
	fmt.Fprintf(tw, "restarts")
	sum := 0
	for k := range numSoakKinds {
		fmt.Fprintf(tw, "\t%d", restarts[k])
		sum += restarts[k]
	}
	fmt.Fprintf(tw, "\t%d\t\n", sum)
	fmt.Fprintf(tw, "\t\t\t\t\t\n")
	_, rssName := soakRSS()
	fmt.Fprintf(tw, "footprint\tgoroutines\tΔ\t%s\tΔ\t\n", rssName)
	for _, s := range samples {
		fmt.Fprintf(tw, "%s\t%d\t%+d\t%.1f MiB\t%+.1f MiB\t\n", s.phase, s.goroutines, s.goroutines-base.goroutines,
			float64(s.rss)/(1<<20), (float64(s.rss)-float64(base.rss))/(1<<20))
	}
	tw.Flush()
	states2 := make([]string, 0, len(states))
	for s, n := range states {
		states2 = append(states2, fmt.Sprintf("%s: %d", s, n))
	}
	slices.Sort(states2)
	fmt.Fprintf(&b, "states at the end of the calls: %s\n", strings.Join(states2, ", "))
	for _, e := range errored {
		fmt.Fprintf(&b, "ERRORED %s\n", e)
	}
	t.Log("\n" + b.String())

	// The assertions: behaviour, never timing or memory figures.
	if all.nbad > 0 {
		t.Errorf("%d calls went wrong; the first:\n%s", all.nbad, strings.Join(all.bad, "\n"))
	}
	if got := all.outcomes[soakHealthy][soakOK]; got != soakSum(all.outcomes[soakHealthy][:]) {
		t.Errorf("healthy modules: %d of %d calls succeeded", got, soakSum(all.outcomes[soakHealthy][:]))
	}
	if after.goroutines > base.goroutines+goroutineMargin {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		t.Errorf("%d goroutines after Close, %d before Open (margin %d); stacks:\n%s", after.goroutines, base.goroutines, goroutineMargin, soakStackSummary(string(buf)))
	}
}

func soakSum(a []int) int {
	n := 0
	for _, v := range a {
		n += v
	}
	return n
}

// soakStackSummary groups goroutine stacks by their top frames, so a leak
// of thousands reads as a few lines.
func soakStackSummary(dump string) string {
	count := map[string]int{}
	for _, g := range strings.Split(dump, "\n\n") {
		lines := strings.Split(g, "\n")
		var key []string
		for _, l := range lines[1:] {
			if !strings.HasPrefix(l, "\t") && l != "" {
				if i := strings.LastIndexByte(l, '('); i > 0 && strings.HasPrefix(l[i:], "(0x") {
					l = l[:i] // the arguments differ between goroutines
				}
				if i := strings.Index(l, " in goroutine "); i > 0 {
					l = l[:i]
				}
				key = append(key, l)
			}
			if len(key) == 4 {
				break
			}
		}
		count[strings.Join(key, " <- ")]++
	}
	out := make([]string, 0, len(count))
	for k, n := range count {
		out = append(out, fmt.Sprintf("%6d  %s", n, k))
	}
	slices.Sort(out)
	slices.Reverse(out)
	return strings.Join(out, "\n")
}
