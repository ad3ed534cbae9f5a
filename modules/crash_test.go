package modules

// Crash durability (issue 5, item 3). TestCrash re-executes the test binary
// as a child (TestCrashChild) that opens a Runtime on a store file, loads a
// module and calls it in a loop; every call writes a store key and a 64 KiB
// file through the module's own path (core.storeSet, core.fileWrite), and
// the child prints "begin n" before and "ack n" after each call. The parent
// kills the child with SIGKILL at a random moment, reads every line the
// child managed to print, and then checks the store and the files:
//
//   - the bbolt file passes bbolt's own consistency check and kv.Open opens it;
//   - every key and file holds exactly what the last acknowledged write to it
//     wrote, or what the call in flight at the kill wrote (never older, never
//     anything else);
//   - every file is one complete value ever written to it, never a
//     truncation or a mix; WriteFile's temporary files (caps.TempPrefix) may
//     be left by a kill and are counted, at most one per kill.
//
// A SIGKILL is a process crash, not a power cut: the kernel keeps what the
// child wrote, so this proves the write paths are atomic and ordered, not
// that their fsyncs reach the disk.
//
// go test -run Crash ./modules/ does 50 kills (10 with -short);
// -crash.iterations N does N.

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/caps"
	"github.com/corets/corets-wasm/kv"
	bolt "go.etcd.io/bbolt"
)

var crashIterations = flag.Int("crash.iterations", 0, "kills TestCrash performs (default 50, 10 with -short)")

const (
	crashChildEnv = "CORETS_CRASH_CHILD" // the child's app root; set only in the child
	crashStartEnv = "CORETS_CRASH_START" // the child's first sequence number
	crashCacheEnv = "CORETS_CRASH_CACHE" // the compilation and bundle cache shared by all children

	crashCode  = "crash"
	crashGroup = "g"
	crashKeys  = 8 // store keys k0..k7
	crashFiles = 4 // files data/f0.txt..f3.txt

	// crashStuck is how long a child may go without printing before the
	// test gives up on it; it bounds startup under -race on a slow machine.
	crashStuck = 60 * time.Second
)

// crashModule is the module the child runs. pad and content must match
// crashPad and crashContent below byte for byte.
var crashModule = map[string]string{
	".core/view.yml": `code: crash
name: Crash durability
version: "1"
permissions:
  read: ["./data/"]
  write: ["./data/"]
`,
	"main.ts": `function pad(n: number): string {
  const size = 100 + ((n * 37) % 2000);
  const unit = "p" + n + ";";
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

// content is built as bytes by doubling copies: encoding a 64 KiB string
// in the guest takes far longer than the write itself, and kills would
// then rarely land inside the host's write.
function content(n: number): Uint8Array {
  const size = 65536 + (n % 13) * 517;
  const enc = new TextEncoder();
  const head = enc.encode("n=" + n + "\n");
  const out = new Uint8Array(size);
  const unit = enc.encode("<" + n + ">");
  out.set(head);
  out.set(unit, head.length);
  let filled = unit.length;
  while (head.length + filled < size) {
    const k = Math.min(filled, size - head.length - filled);
    out.copyWithin(head.length + filled, head.length, head.length + k);
    filled += k;
  }
  return out;
}

// step writes the store first and the file second, so a file that holds n
// proves the store write of n finished before it.
export async function step(n: number): Promise<number> {
  await core.storeSet("g", "k" + (n % 8), { n, pad: pad(n) });
  await core.fileWrite("data/f" + (n % 4) + ".txt", content(n));
  return n;
}
`,
}

func crashPad(n int64) string {
	size := 100 + int(n*37%2000)
	unit := "p" + strconv.FormatInt(n, 10) + ";"
	return strings.Repeat(unit, (size+len(unit)-1)/len(unit))[:size]
}

func crashContent(n int64) []byte {
	size := 65536 + int(n%13)*517
	unit := "<" + strconv.FormatInt(n, 10) + ">"
	b := make([]byte, 0, size+len(unit))
	b = append(b, "n="+strconv.FormatInt(n, 10)+"\n"...)
	for len(b) < size {
		b = append(b, unit...)
	}
	return b[:size]
}

// TestCrashChild is the child process of TestCrash; run alone it skips.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("the child process of TestCrash")
	}
	start, err := strconv.ParseInt(os.Getenv(crashStartEnv), 10, 64)
	if err != nil {
		t.Fatalf("%s: %v", crashStartEnv, err)
	}
	// The parent holds our stdin open; if it dies, so do we.
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(3)
	}()
	ctx := context.Background()
	r, err := Open(ctx, Options{
		AppRoot:       dir,
		StorePath:     filepath.Join(dir, "store.db"),
		SkipInstalled: true,
		CacheDir:      os.Getenv(crashCacheEnv),
		Output:        func(module, level, text string) {},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Load(ctx, filepath.Join(dir, "mod")); err != nil {
		t.Fatal(err)
	}
	// Each line is one write(2) on the unbuffered stdout: once it returns,
	// the parent reads the line even if we are killed the next instant.
	for n := start; ; n++ {
		fmt.Fprintf(os.Stdout, "begin %d\n", n)
		out, err := r.Call(ctx, crashCode, "step", n)
		if err != nil {
			t.Fatalf("call %d: %v", n, err)
		}
		if string(out) != strconv.FormatInt(n, 10) {
			t.Fatalf("call %d returned %s", n, out)
		}
		fmt.Fprintf(os.Stdout, "ack %d\n", n)
	}
}

// crashState is what the store and files hold: the sequence number of the
// last write to each key and file, -1 for none.
type crashState struct {
	store [crashKeys]int64
	files [crashFiles]int64
}

func newCrashState() crashState {
	var s crashState
	for i := range s.store {
		s.store[i] = -1
	}
	for i := range s.files {
		s.files[i] = -1
	}
	return s
}

// apply records the acknowledged call n.
func (s *crashState) apply(n int64) {
	s.store[n%crashKeys] = n
	s.files[n%crashFiles] = n
}

// The moments a child is killed, as the parent plans them.
const (
	planStartup = "startup" // a random time after start, acks or not
	planTimed   = "timed"   // 20-300 ms after the first ack
	planAck     = "ack"     // right after reading the k-th ack
)

// Where the kill landed, as the store and files show afterwards.
const (
	landStartup     = "before the first call"
	landBetween     = "between calls (after an ack)"
	landBeforeStore = "in a call, neither write visible"
	landAfterStore  = "in a call, store write visible, file not"
	landAfterFile   = "in a call, both visible, not acked"
)

// crashChild is one run of the child as the parent sees it.
type crashChild struct {
	acks       int
	begun      int64         // the number of the call in flight at the kill, -1 for none
	last       int64         // the highest number the child began, -1 for none
	firstAck   time.Duration // from start to the first ack, 0 if none
	other      []string      // lines that are not the protocol, for errors
	stderr     string
	exitedSelf bool // the child ended before the kill
}

func TestCrash(t *testing.T) {
	t.Parallel()
	// Unix only: the point is SIGKILL, death with no chance to clean up.
	// Windows' TerminateProcess is as abrupt but its file semantics differ
	// and the module write path there is covered by the ordinary tests.
	if runtime.GOOS == "windows" {
		t.Skip("crash durability is tested on Unix (SIGKILL)")
	}
	iterations := 50
	if testing.Short() {
		iterations = 10
	}
	if *crashIterations > 0 {
		iterations = *crashIterations
	}
	began := time.Now()
	cache := t.TempDir()
	dir := t.TempDir()
	writeModule(t, filepath.Join(dir, "mod"), crashModule)
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	crashWarm(t, cache, dir)
	warm := time.Since(began)

	want := newCrashState()
	next := int64(0)
	plans := map[string]int{}
	lands := map[string]int{}
	var acks, temps, maxTemps int
	var firstAcks []time.Duration
	for i := range iterations {
		plan := []string{planStartup, planTimed, planTimed, planAck, planAck, planAck}[rand.IntN(6)]
		plans[plan]++
		// A startup kill lands anywhere from exec to the first call.
		startup := 200 * time.Millisecond
		if len(firstAcks) > 0 {
			startup = firstAcks[len(firstAcks)-1] * 5 / 4
		}
		c := crashRun(t, dir, cache, next, plan, startup, &want)
		if t.Failed() {
			return
		}
		if c.firstAck > 0 {
			firstAcks = append(firstAcks, c.firstAck)
		}
		acks += c.acks
		got, err := crashCheck(filepath.Join(dir, "store.db"), filepath.Join(dir, "data"))
		if err != nil {
			t.Fatalf("kill %d (%s, calls from %d, %d acks): %v", i+1, plan, next, c.acks, err)
		}
		land, err := crashCompare(want, got, c)
		if err != nil {
			t.Fatalf("kill %d (%s, calls from %d, %d acks, call %d in flight): %v\nacknowledged: %+v\nfound: %+v",
				i+1, plan, next, c.acks, c.begun, err, want, got)
		}
		lands[land]++
		n, err := crashTemps(filepath.Join(dir, "data"))
		if err != nil {
			t.Fatal(err)
		}
		// One call writes one file at a time: a kill can strand at most one
		// temporary file. More means a write left one behind on success.
		if n-temps > 1 {
			t.Fatalf("kill %d: %d temporary files appeared in one run", i+1, n-temps)
		}
		maxTemps = max(maxTemps, n-temps)
		temps = n
		want = got
		// Never reuse a number: the call in flight may have written it.
		next = max(next, c.last+1)
	}
	bundleTemps, err := crashBundleTemps(cache)
	if err != nil {
		t.Fatal(err)
	}

	total := time.Since(began)
	slices.Sort(firstAcks)
	var median time.Duration
	if len(firstAcks) > 0 {
		median = firstAcks[len(firstAcks)/2]
	}
	var tab strings.Builder
	w := func(k string, v any) { fmt.Fprintf(&tab, "  %-46s %v\n", k, v) }
	w("kills (SIGKILL)", iterations)
	w("calls acknowledged", acks)
	w("calls begun (sequence numbers used)", next)
	for _, p := range []string{planStartup, planTimed, planAck} {
		w("planned: "+p, plans[p])
	}
	for _, l := range []string{landStartup, landBetween, landBeforeStore, landAfterStore, landAfterFile} {
		w("landed: "+l, lands[l])
	}
	w("temporary files left (total, most per kill)", fmt.Sprintf("%d, %d", temps, maxTemps))
	w("temporary files left in the bundle cache", bundleTemps)
	w("start to first ack, median", median.Round(time.Millisecond))
	w("cache warm-up", warm.Round(time.Millisecond))
	w("time", total.Round(time.Millisecond))
	t.Logf("crash durability:\n%s", tab.String())
}

// crashWarm fills the shared caches once, so children neither compile
// the engine nor write the bundle cache while they can be killed.
func crashWarm(t *testing.T, cache, dir string) {
	t.Helper()
	ctx := context.Background()
	r, err := Open(ctx, Options{AppRoot: dir, MemoryStore: true, SkipInstalled: true, CacheDir: cache, Output: func(module, level, text string) {}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(ctx)
	if _, err := r.Load(ctx, filepath.Join(dir, "mod")); err != nil {
		t.Fatal(err)
	}
}

// crashRun starts a child at sequence number next, kills it as plan says
// and returns what it printed; want takes every acknowledged call.
func crashRun(t *testing.T, dir, cache string, next int64, plan string, startup time.Duration, want *crashState) crashChild {
	t.Helper()
	c := crashChild{begun: -1, last: -1}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(),
		crashChildEnv+"="+dir, crashStartEnv+"="+strconv.FormatInt(next, 10), crashCacheEnv+"="+cache)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 64)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(lines)
		s := bufio.NewScanner(stdout)
		s.Buffer(nil, 1<<20)
		for s.Scan() {
			lines <- s.Text()
		}
		io.Copy(io.Discard, stdout) // after a giant line: keep the child unblocked
	}()

	var killAt <-chan time.Time
	if plan == planStartup {
		killAt = time.After(rand.N(startup))
	}
	target := 1 + rand.IntN(10) // planAck; a call takes 10-100 ms, mostly fsync
	stuck := time.NewTimer(crashStuck)
	defer stuck.Stop()
	killed, timedOut := false, false
	kill := func() {
		if !killed {
			cmd.Process.Kill() // SIGKILL on Unix
			killed, killAt = true, nil
		}
	}
	var protoErr error
	expect := next // the number of the next "begin"
	// Read to the end: lines printed just before the kill still count.
loop:
	for {
		var line string
		select {
		case l, ok := <-lines:
			if !ok {
				break loop
			}
			line = l
			stuck.Reset(crashStuck)
		case <-killAt:
			kill()
			continue
		case <-stuck.C:
			timedOut = !killed
			kill()
			continue
		}
		f := strings.Fields(line)
		n := int64(-1)
		if len(f) == 2 {
			if v, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				n = v
			}
		}
		switch {
		case len(f) == 2 && f[0] == "begin" && n >= 0:
			if n != expect || c.begun >= 0 {
				protoErr = cmp.Or(protoErr, fmt.Errorf("child printed %q, expected begin %d", line, expect))
			}
			c.begun, c.last = n, n
		case len(f) == 2 && f[0] == "ack" && n >= 0:
			if n != c.begun {
				protoErr = cmp.Or(protoErr, fmt.Errorf("child printed %q while call %d was in flight", line, c.begun))
			}
			c.begun = -1
			expect = n + 1
			want.apply(n)
			c.acks++
			if c.acks == 1 {
				c.firstAck = time.Since(start)
				if plan == planTimed && !killed {
					killAt = time.After(time.Duration(20+rand.IntN(281)) * time.Millisecond)
				}
			}
			if plan == planAck && c.acks == target {
				kill()
			}
		default:
			c.other = append(c.other, line)
		}
	}
	c.exitedSelf = !killed
	kill()
	cmd.Wait()
	c.stderr = stderr.String()
	switch {
	case timedOut:
		t.Errorf("the child printed nothing for %v; its output:\n%s\n%s", crashStuck, strings.Join(c.other, "\n"), c.stderr)
	case c.exitedSelf:
		t.Errorf("the child exited before it was killed (%v); its output:\n%s\n%s", cmd.ProcessState, strings.Join(c.other, "\n"), c.stderr)
	case protoErr != nil:
		t.Errorf("%v; its other output:\n%s\n%s", protoErr, strings.Join(c.other, "\n"), c.stderr)
	}
	return c
}

// crashCheck checks the store file with bbolt's own consistency check,
// opens it with kv.Open, and reads every key and file, each of which must
// be a whole value some call wrote.
func crashCheck(storePath, dataDir string) (crashState, error) {
	got := newCrashState()
	// A zero-length file is a kill between creating the file and bbolt
	// writing its first pages; the next open initialises it.
	if st, err := os.Stat(storePath); err == nil && st.Size() > 0 {
		bdb, err := bolt.Open(storePath, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
		if err != nil {
			return got, fmt.Errorf("bbolt open: %w", err)
		}
		var errs []error
		err = bdb.View(func(tx *bolt.Tx) error {
			for err := range tx.Check() {
				errs = append(errs, err)
			}
			return nil
		})
		bdb.Close()
		if err = errors.Join(append(errs, err)...); err != nil {
			return got, fmt.Errorf("bbolt check: %w", err)
		}
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return got, err
	}
	db, err := kv.Open(storePath, kv.Options{})
	if err != nil {
		return got, fmt.Errorf("kv.Open: %w", err)
	}
	defer db.Close()
	p := db.Module(crashCode, kv.Quota{})
	for k := range got.store {
		key := "k" + strconv.Itoa(k)
		e, err := p.Get(crashGroup, key)
		if errors.Is(err, kv.ErrNotFound) {
			continue
		}
		if err != nil {
			return got, fmt.Errorf("store %s: %w", key, err)
		}
		var v struct {
			N   *int64
			Pad *string
		}
		d := json.NewDecoder(bytes.NewReader(e.Value))
		d.DisallowUnknownFields()
		if err := d.Decode(&v); err != nil || v.N == nil || v.Pad == nil {
			return got, fmt.Errorf("store %s holds %.80q (%d bytes), not a value the module wrote (%v)", key, e.Value, len(e.Value), err)
		}
		if *v.N < 0 || *v.N%crashKeys != int64(k) || *v.Pad != crashPad(*v.N) {
			return got, fmt.Errorf("store %s holds n=%d with a %d-byte pad: not what call %d wrote", key, *v.N, len(*v.Pad), *v.N)
		}
		got.store[k] = *v.N
	}

	ents, err := os.ReadDir(dataDir)
	if err != nil {
		return got, err
	}
	for _, de := range ents {
		name := de.Name()
		if strings.HasPrefix(name, caps.TempPrefix) {
			continue
		}
		k := -1
		if s, ok := strings.CutPrefix(name, "f"); ok {
			if s, ok := strings.CutSuffix(s, ".txt"); ok {
				if v, err := strconv.Atoi(s); err == nil && v >= 0 && v < crashFiles && "f"+strconv.Itoa(v)+".txt" == name {
					k = v
				}
			}
		}
		if k < 0 || !de.Type().IsRegular() {
			return got, fmt.Errorf("data/%s (%v): the module never wrote such a file", name, de.Type())
		}
		n, err := crashFile(filepath.Join(dataDir, name), k)
		if err != nil {
			return got, err
		}
		got.files[k] = n
	}
	return got, nil
}

// crashFile returns the number of the call whose content the file holds
// in full, or an error describing how it is not whole.
func crashFile(path string, k int) (int64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return -1, err
	}
	name := "data/" + filepath.Base(path)
	head, _, ok := bytes.Cut(b[:min(len(b), 32)], []byte("\n"))
	var n int64 = -1
	if s, found := bytes.CutPrefix(head, []byte("n=")); ok && found {
		if v, err := strconv.ParseInt(string(s), 10, 64); err == nil && v >= 0 && v%crashFiles == int64(k) {
			n = v
		}
	}
	if n < 0 {
		return -1, fmt.Errorf("%s is half-written: %d bytes starting %.40q, no header of a write to it", name, len(b), b)
	}
	want := crashContent(n)
	if !bytes.Equal(b, want) {
		same := 0
		for same < min(len(b), len(want)) && b[same] == want[same] {
			same++
		}
		return -1, fmt.Errorf("%s is half-written: %d bytes, call %d wrote %d; they differ from byte %d (%.40q)", name, len(b), n, len(want), same, b[same:])
	}
	return n, nil
}

// crashCompare checks got against want, the state of the last acknowledged
// calls, and says where the kill landed. Only the call in flight, c.begun,
// may have changed anything since.
func crashCompare(want, got crashState, c crashChild) (string, error) {
	b := c.begun
	check := func(name string, want, got int64, mine bool) error {
		if got == want || (mine && got == b) {
			return nil
		}
		if got < want {
			return fmt.Errorf("lost acknowledged write: %s holds call %d, but call %d wrote it and was acknowledged", name, got, want)
		}
		inFlight := "no call was in flight"
		if b >= 0 {
			inFlight = fmt.Sprintf("call %d was in flight", b)
		}
		return fmt.Errorf("%s holds call %d, but the last acknowledged write to it was call %d and %s", name, got, want, inFlight)
	}
	for i := range got.store {
		if err := check(fmt.Sprintf("store key k%d", i), want.store[i], got.store[i], b >= 0 && b%crashKeys == int64(i)); err != nil {
			return "", err
		}
	}
	for i := range got.files {
		if err := check(fmt.Sprintf("data/f%d.txt", i), want.files[i], got.files[i], b >= 0 && b%crashFiles == int64(i)); err != nil {
			return "", err
		}
	}
	switch {
	case c.last < 0:
		return landStartup, nil
	case b < 0:
		return landBetween, nil
	}
	stored, filed := got.store[b%crashKeys] == b, got.files[b%crashFiles] == b
	switch {
	case filed && !stored:
		return "", fmt.Errorf("call %d's file is written but its store write, which came first, is not", b)
	case filed:
		return landAfterFile, nil
	case stored:
		return landAfterStore, nil
	}
	return landBeforeStore, nil
}

// crashTemps counts WriteFile's temporary files in dir.
func crashTemps(dir string) (int, error) {
	ents, err := os.ReadDir(dir)
	n := 0
	for _, de := range ents {
		if strings.HasPrefix(de.Name(), caps.TempPrefix) {
			n++
		}
	}
	return n, err
}

// crashBundleTemps counts temporary files the bundle cache left.
func crashBundleTemps(cache string) (int, error) {
	n := 0
	err := filepath.WalkDir(filepath.Join(cache, "bundles"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".bundle-") {
			n++
		}
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	})
	return n, err
}
