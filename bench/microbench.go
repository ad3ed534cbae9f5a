package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// QuickJS's own tests/microbench.js, taken at run time from the Debian
// source tarball that internal/jsengine/engine/build.sh and native/build.sh use.
const (
	tarballName   = "quickjs_2025.04.26.orig.tar.xz"
	tarballSHA256 = "ec81da5b3249ed648dbc7df4a1654988910e66a118d9b71cb63534216efcfbbe"
	microbenchIn  = "quickjs-2025.04.26/tests/microbench.js"
)

// quickTests is the subset -quick runs: no name is a prefix of another,
// since qjs selects tests by prefix.
var quickTests = []string{"empty_loop", "prop_read", "array_write", "func_call", "int_arith", "string_build2", "map_set_int", "regexp_ascii"}

// tarballPath mirrors build.sh's cache location.
func tarballPath() string {
	dir := os.Getenv("CORETS_BUILD_CACHE")
	if dir == "" {
		base := os.Getenv("XDG_CACHE_HOME")
		if base == "" {
			home, _ := os.UserHomeDir()
			base = filepath.Join(home, ".cache")
		}
		dir = filepath.Join(base, "corets-wasm", "quickjs-src")
	}
	return filepath.Join(dir, tarballName)
}

func checkTarball(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != tarballSHA256 {
		return fmt.Errorf("%s: sha256 %s, want %s", path, got, tarballSHA256)
	}
	return nil
}

// extractMicrobench verifies the cached tarball (fetching it with
// native/build.sh --fetch-only when it is missing) and extracts
// microbench.js into dir.
func extractMicrobench(dir string) (path, src string, err error) {
	tb := tarballPath()
	if _, err := os.Stat(tb); err != nil {
		progress("fetching the QuickJS source tarball (native/build.sh --fetch-only) ...")
		cmd := exec.Command("bash", filepath.Join(benchDir(), "native", "build.sh"), "--fetch-only")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return "", "", fmt.Errorf("no %s: run `bash internal/jsengine/engine/build.sh` or `bash bench/native/build.sh --fetch-only` (%v)", tb, err)
		}
	}
	if err := checkTarball(tb); err != nil {
		return "", "", err
	}
	out, err := exec.Command("tar", "-xJf", tb, "-O", microbenchIn).Output()
	if err != nil {
		return "", "", fmt.Errorf("extracting %s: %v", microbenchIn, err)
	}
	path = filepath.Join(dir, "microbench.js")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		return "", "", err
	}
	return path, string(out), nil
}

var (
	testListRe = regexp.MustCompile(`(?s)var test_list = \[(.*?)\];`)
	testPushRe = regexp.MustCompile(`test_list\.push\((\w+)\)`)
	identRe    = regexp.MustCompile(`\w+`)
	lineRe     = regexp.MustCompile(`^\s*(\w+)\s+(\d+)\s+([0-9.]+)`)
)

// microbenchTests lists the tests in the order main() runs them.
func microbenchTests(src string) []string {
	m := testListRe.FindStringSubmatch(src)
	if m == nil {
		return nil
	}
	tests := identRe.FindAllString(m[1], -1)
	for _, p := range testPushRe.FindAllStringSubmatch(src, -1) {
		tests = append(tests, p[1])
	}
	return tests
}

// parseMicrobenchLine reads one result line: name, N, time in ns.
func parseMicrobenchLine(line string) (name string, ns float64, ok bool) {
	m := lineRe.FindStringSubmatch(line)
	if m == nil {
		return "", 0, false
	}
	ns, err := strconv.ParseFloat(m[3], 64)
	if err != nil {
		return "", 0, false
	}
	return m[1], ns, true
}

// microbenchShim gives microbench.js what it takes from qjs: scriptArgs,
// print, os.now and std.open (which makes loading reference results a no-op;
// saving happens only in main(), which we do not call).
const microbenchShim = `var scriptArgs = [];
var print = function () { console.log(Array.prototype.join.call(arguments, " ")); };
var std = { open: function () { return null; } };
var os = { now: (typeof performance !== "undefined" && typeof performance.now === "function")
  ? function () { return performance.now(); } : Date.now };
`

// microbenchMainCall is the last line of microbench.js, which runs every
// test; we run them one at a time instead.
const microbenchMainCall = "main(scriptArgs.length, scriptArgs, this);"

// microbenchForOurs is the script without its main() call, after the shim.
func microbenchForOurs(src string) (string, error) {
	i := strings.LastIndex(src, microbenchMainCall)
	if i < 0 {
		return "", fmt.Errorf("microbench.js: no %q", microbenchMainCall)
	}
	return microbenchShim + src[:i] + src[i+len(microbenchMainCall):], nil
}

// mbRow is one line of the microbench table.
type mbRow struct {
	test   string
	native float64 // 0: not run
	ours   microbenchResult
	ran    bool // ours ran it
}

// runMicrobench runs microbench.js natively (if qjs is there) and in ours.
func runMicrobench(ctx context.Context, o *ours, qjs string, opt options) ([]mbRow, string, error) {
	dir, err := os.MkdirTemp("", "corets-bench-")
	if err != nil {
		return nil, "", err
	}
	defer os.RemoveAll(dir)
	path, src, err := extractMicrobench(dir)
	if err != nil {
		return nil, "", err
	}
	tests := microbenchTests(src)
	if len(tests) == 0 {
		return nil, "", fmt.Errorf("no test list found in microbench.js")
	}
	var args []string // native: all tests
	if opt.quick {
		tests, args = quickTests, quickTests
	}
	var native map[string]float64
	var notes []string
	if qjs != "" {
		progress("native: microbench.js (%d tests) ...", len(tests))
		if native, err = nativeMicrobench(qjs, path, args); err != nil {
			notes = append(notes, "native: "+err.Error())
		}
	}
	progress("ours: microbench.js (%d tests) ...", len(tests))
	res, note, err := o.microbench(ctx, src, tests)
	if note != "" {
		notes = append(notes, note)
	}
	if err != nil {
		notes = append(notes, "ours: "+err.Error())
	}
	rows := make([]mbRow, 0, len(tests))
	for _, t := range tests {
		r, ran := res[t]
		rows = append(rows, mbRow{test: t, native: native[t], ours: r, ran: ran})
	}
	return rows, strings.Join(notes, "\n"), nil
}

// mbCells formats the microbench table, with the geometric mean of the
// ratios over the tests both ran.
func mbCells(rows []mbRow) [][]string {
	var out [][]string
	logSum, n := 0.0, 0
	num := func(v float64) string {
		if v == 0 {
			return "—"
		}
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	for _, r := range rows {
		ours, ratio := "—", "—"
		switch {
		case r.ours.err != nil:
			ours = "failed: " + strings.ReplaceAll(r.ours.err.Error(), "|", "/")
		case r.ran:
			ours = num(r.ours.ns)
			if r.native > 0 && r.ours.ns > 0 {
				q := r.ours.ns / r.native
				ratio = fmt.Sprintf("%.2f", q)
				logSum += math.Log(q)
				n++
			}
		}
		out = append(out, []string{r.test, num(r.native), ours, ratio})
	}
	if n > 0 {
		out = append(out, []string{fmt.Sprintf("**geometric mean (%d tests)**", n), "", "", fmt.Sprintf("**%.2f**", math.Exp(logSum/float64(n)))})
	}
	return out
}
