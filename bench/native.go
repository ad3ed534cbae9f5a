package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Native QuickJS: the same release as our engine, built with the machine's
// gcc by native/build.sh, run as a separate process.

// benchDir is the directory of this package's source (where native/ is).
func benchDir() string {
	if wd, err := os.Getwd(); err == nil {
		if _, err := os.Stat(filepath.Join(wd, "native", "build.sh")); err == nil {
			return wd
		}
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

func qjsPath() string { return filepath.Join(benchDir(), "native", "qjs") }

// ensureQJS returns the path of the native qjs, building it first if it is
// missing, build is set and gcc is available. The note says why there is
// none otherwise.
func ensureQJS(build bool) (path, note string) {
	p := qjsPath()
	if _, err := os.Stat(p); err == nil {
		return p, ""
	}
	if !build {
		return "", "native qjs not built: run `bash bench/native/build.sh`"
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		return "", "native qjs not built and gcc not found"
	}
	progress("building native qjs (bench/native/build.sh) ...")
	cmd := exec.Command("bash", filepath.Join(benchDir(), "native", "build.sh"))
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Sprintf("native/build.sh failed: %v", err)
	}
	return p, ""
}

// nativeFib times fib(n) runs times inside one qjs process (after one
// warm-up run), with os.now(), which has microsecond precision.
func nativeFib(qjs string, n, runs int) ([]time.Duration, error) {
	script := fmt.Sprintf(`function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
for (var i = -1; i < %d; i++) {
  var t = os.now(); var r = fib(%d); t = os.now() - t;
  if (i >= 0) print(r, t);
}`, runs, n)
	out, err := exec.Command(qjs, "--std", "-e", script).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("qjs: %v: %s", err, out)
	}
	var ds []time.Duration
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			return nil, fmt.Errorf("qjs printed %q", line)
		}
		if want, ok := fibResults[n]; ok && f[0] != strconv.Itoa(want) {
			return nil, fmt.Errorf("native fib(%d) = %s", n, f[0])
		}
		ms, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, err
		}
		ds = append(ds, time.Duration(ms*float64(time.Millisecond)))
	}
	return ds, nil
}

// nativeMicrobench runs microbench.js in qjs (only the named tests, or all
// when tests is nil) in a temporary directory, where it saves its result
// file, and returns ns per test.
func nativeMicrobench(qjs, script string, tests []string) (map[string]float64, error) {
	dir, err := os.MkdirTemp("", "corets-bench-native-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command(qjs, append([]string{"--std", script}, tests...)...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("qjs microbench.js: %v: %s", err, out.String())
	}
	res := map[string]float64{}
	for _, line := range strings.Split(out.String(), "\n") {
		if name, ns, ok := parseMicrobenchLine(line); ok {
			res[name] = ns
		}
	}
	return res, nil
}
