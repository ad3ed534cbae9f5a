package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/corets/corets-wasm/internal/testutil"
)

// syncBuffer is a bytes.Buffer safe to read while the command writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// run --watch reloads on every change of the module's files, survives a
// syntax error and a missing import, and ends with its context (Ctrl-C).
func TestRunWatch(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, filepath.Join(t.TempDir(), "w"), "code: w\n", `import { v } from "./lib.ts";
export const get = () => v;
`)
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("lib.ts", `export const v = "one";`)
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- runMain(ctx, []string{"run", "--watch", dir, "--call", "get"}, strings.NewReader(""), &stdout, &stderr)
	}()
	// each load ends with a "watching" line: wait for the n-th
	cycles := 0
	next := func(what string, ok func() bool) {
		t.Helper()
		cycles++
		testutil.WaitFor(t, what, func() bool {
			return strings.Count(stderr.String(), "corets-wasm: watching ") >= cycles
		})
		if !ok() {
			t.Fatalf("%s:\nstdout:\n%s\nstderr:\n%s", what, stdout.String(), stderr.String())
		}
	}
	has := func(b *syncBuffer, s string) func() bool {
		return func() bool { return strings.Contains(b.String(), s) }
	}

	next("the first load", has(&stdout, `"one"`))
	write("lib.ts", `export const v = "two, longer";`)
	next("a reload after lib.ts changed", has(&stdout, `"two, longer"`))
	if !strings.Contains(stderr.String(), "lib.ts changed; reloading") {
		t.Errorf("stderr does not say what changed:\n%s", stderr.String())
	}
	write("main.ts", "export const get = () => {{;\n")
	next("the syntax error", has(&stderr, "main.ts:2:1: Unexpected end of file"))
	write("main.ts", `import { v } from "./lib.ts"; import { x } from "./extra.ts";
export const get = () => v + x;
`)
	next("the missing import", has(&stderr, "extra.ts"))
	write("extra.ts", `export const x = "!three";`)
	next("the reload once the import exists", has(&stdout, `"two, longer!three"`))

	select {
	case code := <-done:
		t.Fatalf("run --watch ended by itself with %d", code)
	default:
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("after Ctrl-C: exit %d\nstderr:\n%s", code, stderr.String())
	}
}

// A single file is watched too, with what it imports.
func TestRunWatchSingleFile(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, t.TempDir(), map[string]string{"s.ts": `export const get = () => "a";`})
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- runMain(ctx, []string{"run", "--watch", filepath.Join(dir, "s.ts"), "--call", "get"}, strings.NewReader(""), &stdout, &stderr)
	}()
	testutil.WaitFor(t, "the first load", func() bool { return strings.Contains(stdout.String(), `"a"`) })
	if err := os.WriteFile(filepath.Join(dir, "s.ts"), []byte(`export const get = () => "bb";`), 0o644); err != nil {
		t.Fatal(err)
	}
	testutil.WaitFor(t, "the reload", func() bool { return strings.Contains(stdout.String(), `"bb"`) })
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("exit %d\n%s", code, stderr.String())
	}
}
