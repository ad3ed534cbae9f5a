// Command test262 runs the official ECMAScript conformance suite (test262)
// in this project's engine: every run in a fresh jsengine instance with
// test262's host hooks ($262, print), the harness files, the frontmatter's
// flags, negative and async tests, as QuickJS's run-test262 runs them, so
// the figures compare 1:1 with native QuickJS. Known failures are listed,
// each group with its reason, in errors.txt beside this file.
//
// A checkout of test262 (harness/ and test/) comes from fetch.sh, which also
// builds QuickJS's native runner:
//
//	internal/jsengine/test262/fetch.sh /path/to/test262
//	go run ./internal/jsengine/test262 -dir /path/to/test262 \
//	    -conf QUICKJS/test262.conf -errors internal/jsengine/test262/errors.txt
//
// -conf is QuickJS's test262.conf from the pinned QuickJS source (which
// features run or are skipped, the [exclude] list); without it every test
// runs. Paths after the flags limit the run to tests under them
// (test/built-ins/Array). -sample N runs a deterministic 1/N of the tests.
// -update rewrites the errors file: fixed failures go, new ones are added
// under a reason (-native names QuickJS's errors file from a native run on
// the same checkout, to mark failures native QuickJS shares).
//
// On test262 79e9b39 with QuickJS 2025-04-26's test262.conf (strict and
// sloppy): native QuickJS passes 76,959 of 77,195 runs; ours 76,831 of
// 77,199, failing native's 236 and 132 that need agents or a blocking
// Atomics.wait (errors.txt gives the reasons). A full run takes about 7
// minutes with -j 2 on 2 cores; -sample 20 about a twentieth.
//
// It exits 1 when a run fails that errors.txt does not list, or a listed
// one passes: CI can run it. Module tests and tests of import() may import
// the checkout's fixtures and their directory's tests (modules.go), and
// nothing else.
package main

import (
	"context"
	"flag"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/internal/wasmhost"
)

func main() {
	os.Exit(mainErr())
}

type options struct {
	dir, conf, errors, native, mode string
	results, from                   string
	jobs, sample                    int
	update, verbose, list           bool
	limits                          Limits
	paths                           []string
}

func mainErr() int {
	var o options
	flag.StringVar(&o.dir, "dir", "", "test262 checkout (holding harness/ and test/)")
	flag.StringVar(&o.conf, "conf", "", "QuickJS's test262.conf: features to run or skip, [exclude] list")
	flag.StringVar(&o.errors, "errors", "", "known failures file (errors.txt); without it every failure is new")
	flag.StringVar(&o.native, "native", "", "QuickJS's test262_errors.txt from native run-test262 -u on the same checkout: compare, and classify with -update")
	flag.StringVar(&o.mode, "mode", "all", `"all": strict and sloppy runs (run-test262 -a, make test2); "default": one run per test (make test2-default)`)
	flag.StringVar(&o.results, "results", "", "write every failure of this run to this file (errors-file lines, no reasons)")
	flag.StringVar(&o.from, "from", "", "take the failures from a -results file instead of running (compare, -native, -update again without the hour)")
	flag.IntVar(&o.jobs, "j", runtime.NumCPU(), "runs in parallel")
	flag.IntVar(&o.sample, "sample", 0, "run only a deterministic 1/N of the tests (by a hash of their path)")
	flag.BoolVar(&o.update, "update", false, "rewrite the errors file from this run")
	flag.BoolVar(&o.list, "list", false, "print the runs the selection makes (PATH, PATH strict) and exit")
	flag.BoolVar(&o.verbose, "v", false, "print every failure, not only new and fixed ones")
	flag.DurationVar(&o.limits.Timeout, "timeout", 60*time.Second, "deadline of each run")
	mem := flag.Uint64("memory", 128, "memory limit of each run, MiB")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the runner to this file")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "test262:", err)
			return 2
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "test262:", err)
			return 2
		}
		defer pprof.StopCPUProfile()
	}
	o.limits.Memory = *mem << 20
	o.paths = flag.Args()
	if o.dir == "" {
		fmt.Fprintln(os.Stderr, "test262: -dir is required: a test262 checkout (fetch.sh makes one)")
		return 2
	}
	if o.mode != "all" && o.mode != "default" {
		fmt.Fprintf(os.Stderr, "test262: -mode %q: want all or default\n", o.mode)
		return 2
	}
	if o.update && o.errors == "" {
		fmt.Fprintln(os.Stderr, "test262: -update needs -errors FILE")
		return 2
	}
	code, err := run(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "test262:", err)
		return 2
	}
	return code
}

// Plan is what the runner does with the checkout's tests.
type Plan struct {
	Runs              []Run
	Tests             int
	Excluded, Skipped int // tests, as run-test262 counts them
}

func plan(o options, conf *Conf) (*Plan, error) {
	testDir := filepath.Join(o.dir, "test")
	if fi, err := os.Stat(testDir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("%s: no test/ directory: not a test262 checkout", o.dir)
	}
	for i, p := range o.paths {
		o.paths[i] = filepath.ToSlash(filepath.Clean(p))
		if !strings.HasPrefix(o.paths[i]+"/", "test/") {
			return nil, fmt.Errorf("path %q: want a path under test/ in the checkout, e.g. test/built-ins/Array", p)
		}
	}
	var files []string
	err := filepath.WalkDir(testDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".js") && !strings.HasSuffix(path, "_FIXTURE.js") {
			rel, _ := filepath.Rel(o.dir, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	p := &Plan{}
	for _, rel := range files {
		if !selected(o, rel) {
			continue
		}
		p.Tests++
		if conf.excluded(rel) {
			p.Excluded++
			continue
		}
		b, err := os.ReadFile(filepath.Join(o.dir, filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		src := string(b)
		meta, _ := ParseMeta(src)
		if skip(meta, conf) {
			p.Skipped++
			continue
		}
		var strict, sloppy bool
		switch {
		case o.mode == "default":
			strict, sloppy = meta.onlyStrict(), !meta.onlyStrict()
		case meta.Flags["module"]:
			sloppy = true
		default:
			strict, sloppy = !meta.noStrict(), !meta.onlyStrict()
		}
		if sloppy {
			p.Runs = append(p.Runs, Run{Path: rel, Meta: meta})
		}
		if strict {
			p.Runs = append(p.Runs, Run{Path: rel, Meta: meta, Strict: true})
		}
	}
	return p, nil
}

func selected(o options, rel string) bool {
	if len(o.paths) > 0 {
		ok := false
		for _, p := range o.paths {
			if rel == p || strings.HasPrefix(rel, p+"/") {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if o.sample > 1 {
		h := fnv.New32a()
		h.Write([]byte(rel))
		return h.Sum32()%uint32(o.sample) == 0
	}
	return true
}

// skip is run-test262's skip decision for a test: a harness file the conf
// excludes, an async or module test the conf turns off, or a feature the
// conf skips or does not list.
func skip(m Meta, c *Conf) bool {
	if c == nil {
		return false
	}
	for _, inc := range m.Includes {
		if c.HarnessSkip[inc] {
			return true
		}
	}
	if (m.Flags["async"] && c.SkipAsync) || (m.Flags["module"] && c.SkipModule) {
		return true
	}
	for _, f := range m.Features {
		if run, listed := c.Features[f]; !listed || !run {
			return true
		}
	}
	return false
}

// needsLoader: module code and import() import other modules (run.go
// gives them ModuleSources).
func needsLoader(m Meta) bool {
	return m.Flags["module"] || contains(m.Features, "dynamic-import")
}

func run(o options) (int, error) {
	var conf *Conf
	if o.conf != "" {
		c, err := LoadConf(o.conf)
		if err != nil {
			return 0, err
		}
		conf = c
	}
	known := &ErrorsFile{}
	if o.errors != "" {
		f, err := os.Open(o.errors)
		switch {
		case err == nil:
			known, err = ReadErrors(f, o.errors)
			f.Close()
			if err != nil {
				return 0, err
			}
		case os.IsNotExist(err) && o.update:
		default:
			return 0, err
		}
	}
	native := map[string]bool{}
	if o.native != "" {
		n, err := readNative(o.native)
		if err != nil {
			return 0, err
		}
		native = n
	}
	p, err := plan(o, conf)
	if err != nil {
		return 0, err
	}
	if o.list {
		for _, r := range p.Runs {
			fmt.Println((&Failure{Path: r.Path, Strict: r.Strict}).Key())
		}
		return 0, nil
	}
	if o.from != "" {
		return replay(o, p, known, native)
	}
	ctx := context.Background()
	// No disk caches: ~100k test scripts would churn the bytecode cache on
	// disk (and the user's cache directory) for nothing.
	e, err := jsengine.New(ctx, jsengine.Config{Wasm: wasmhost.Config{NoDiskCache: true}})
	if err != nil {
		return 0, err
	}
	defer e.Close(ctx)
	h := NewHarness(filepath.Join(o.dir, "harness"))
	mods := NewModuleSources(o.dir)

	start := time.Now()
	outcomes := make([]Outcome, len(p.Runs))
	var next, done, failed atomic.Int64
	var wg sync.WaitGroup
	for range max(o.jobs, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(p.Runs) {
					return
				}
				r := p.Runs[i]
				b, err := os.ReadFile(filepath.Join(o.dir, filepath.FromSlash(r.Path)))
				if err != nil {
					outcomes[i] = Outcome{Run: r, Failure: &Failure{Path: r.Path, Strict: r.Strict, Message: err.Error()}}
				} else {
					r.Src = string(b)
					outcomes[i] = Execute(ctx, e, h, mods, o.limits, r)
					outcomes[i].Run.Src = ""
				}
				if outcomes[i].Failure != nil {
					failed.Add(1)
				}
				done.Add(1)
			}
		}()
	}
	stop := make(chan struct{})
	go func() {
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fmt.Fprintf(os.Stderr, "%d/%d runs, %d failed, %s\n", done.Load(), len(p.Runs), failed.Load(), time.Since(start).Round(time.Second))
			}
		}
	}()
	wg.Wait()
	close(stop)
	if o.results != "" {
		var b strings.Builder
		for _, oc := range outcomes {
			if oc.Failure != nil {
				fmt.Fprintln(&b, oc.Failure.String())
			}
		}
		if err := os.WriteFile(o.results, []byte(b.String()), 0o644); err != nil {
			return 0, err
		}
	}
	return report(o, p, outcomes, known, native, time.Since(start))
}

// replay is run with the failures read from a -results file: every planned
// run it does not list passed.
func replay(o options, p *Plan, known *ErrorsFile, native map[string]bool) (int, error) {
	b, err := os.ReadFile(o.from)
	if err != nil {
		return 0, err
	}
	failed := map[string]Failure{}
	for n, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if line == "" {
			continue
		}
		f, err := ParseFailure(line)
		if err != nil {
			return 0, fmt.Errorf("%s:%d: %v", o.from, n+1, err)
		}
		failed[f.Key()] = f
	}
	outcomes := make([]Outcome, len(p.Runs))
	for i, r := range p.Runs {
		outcomes[i].Run = r
		if f, ok := failed[(&Failure{Path: r.Path, Strict: r.Strict}).Key()]; ok {
			outcomes[i].Failure = &f
		}
	}
	return report(o, p, outcomes, known, native, 0)
}

func report(o options, p *Plan, outcomes []Outcome, known *ErrorsFile, native map[string]bool, took time.Duration) (int, error) {
	knownMap := known.Known()
	ran := map[string]bool{}
	meta := map[string]Meta{}
	var failures []Failure
	var newFails, fixed, changed, knownFails int
	nativeOnlyPass := map[string][]Failure{} // by reason: runs native passes and ours fails
	for _, oc := range outcomes {
		key := (&Failure{Path: oc.Run.Path, Strict: oc.Run.Strict}).Key()
		ran[key] = true
		meta[oc.Run.Path] = oc.Run.Meta
		k, isKnown := knownMap[key]
		if oc.Failure == nil {
			if isKnown {
				fixed++
				fmt.Printf("%s: OK, fixed error: %s\n", key, k.Message)
			}
			continue
		}
		f := *oc.Failure
		failures = append(failures, f)
		switch {
		case !isKnown:
			newFails++
			fmt.Println(f.String())
		case k.Message != f.Message:
			knownFails++
			changed++
			if o.verbose {
				fmt.Printf("%s (known, was: %s)\n", f, k.Message)
			}
		default:
			knownFails++
			if o.verbose {
				fmt.Printf("%s (known)\n", f)
			}
		}
		if o.native != "" && !native[key] {
			r := reasonUnknown
			if isKnown {
				r = k.Reason
			}
			nativeOnlyPass[r] = append(nativeOnlyPass[r], f)
		}
	}
	runs := len(outcomes)
	fmt.Printf("Result: %d/%d runs failed (%d passed), %d excluded, %d skipped, %d tests; %s with -j %d\n",
		len(failures), runs, runs-len(failures), p.Excluded, p.Skipped, p.Tests, took.Round(time.Second), o.jobs)
	fmt.Printf("Known failures: %d still fail (%d with another message), %d new, %d fixed\n", knownFails, changed, newFails, fixed)
	if o.native != "" {
		nf := 0
		for k := range native {
			if ran[k] {
				nf++
			}
		}
		total := 0
		for _, fs := range nativeOnlyPass {
			total += len(fs)
		}
		fmt.Printf("Native QuickJS fails %d of these runs; ours fails %d runs native passes:\n", nf, total)
		var reasons []string
		for r := range nativeOnlyPass {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		for _, r := range reasons {
			fmt.Printf("  %6d  %s\n", len(nativeOnlyPass[r]), r)
		}
	}
	if o.update {
		srcOf := func(path string) string {
			b, _ := os.ReadFile(filepath.Join(o.dir, filepath.FromSlash(path)))
			return string(b)
		}
		up := known.Updated(failures, func(key string) bool { return ran[key] }, func(f Failure) string {
			return reasonFor(f, meta[f.Path], srcOf(f.Path), native)
		})
		if len(up.Header) == 0 {
			up.Header = defaultHeader
		}
		var b strings.Builder
		if err := up.Write(&b); err != nil {
			return 0, err
		}
		if err := os.WriteFile(o.errors, []byte(b.String()), 0o644); err != nil {
			return 0, err
		}
		fmt.Printf("wrote %s\n", o.errors)
		return 0, nil
	}
	if newFails > 0 || fixed > 0 {
		return 1, nil
	}
	return 0, nil
}

var defaultHeader = []string{
	"Known test262 failures of the engine (internal/jsengine/test262), one run a line:",
	"PATH:LINE: [strict mode: ]ERROR, grouped under a \"# reason\" line.",
	"go run ./internal/jsengine/test262 -dir DIR -conf test262.conf -errors THIS -update rewrites it.",
}

// readNative reads QuickJS's test262_errors.txt (paths like
// test262/test/…) into run keys.
func readNative(file string) (map[string]bool, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	m := map[string]bool{}
	for n, line := range strings.Split(string(b), "\n") {
		i := strings.Index(line, "test/")
		if i < 0 || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		f, err := ParseFailure(line[i:])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", file, n+1, err)
		}
		m[f.Key()] = true
	}
	return m, nil
}
