package install

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The locks are the operating system's, per open file: a lock taken here
// through another open of the file stands for another process's. The
// cross-process tests (real processes) are cmd/corets-wasm's
// concurrency_test.go.

// An install or removal while another holds install.lock waits, then
// fails with ErrBusy naming the holder; nothing changes.
func TestInstallBusy(t *testing.T) {
	defer setLockWait(50 * time.Millisecond)()
	a := newApp(t)
	ctx := context.Background()
	src := writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", ""))
	if _, err := a.Install(ctx, src, Options{}); err != nil {
		t.Fatal(err)
	}
	unlock, err := lockInstalls(ctx, a.AppRoot)
	if err != nil {
		t.Fatal(err)
	}
	_, err = a.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("todo", "1.0", "")), Options{})
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "another process is installing or removing modules in "+a.AppRoot) ||
		!strings.Contains(err.Error(), "(pid "+itoa(os.Getpid())+", since ") {
		t.Fatalf("install while install.lock is held: %v", err)
	}
	if _, err := a.Remove(ctx, "notes", true); !errors.Is(err, ErrBusy) {
		t.Fatalf("remove while install.lock is held: %v", err)
	}
	unlock()
	checkInstalled(t, a, "notes", "1.0")
	checkNothingLeft(t, a, "", "notes")
	if _, err := a.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("todo", "1.0", "")), Options{}); err != nil {
		t.Fatalf("after the holder let go: %v", err)
	}
	// released: the holder's note is gone
	if b, err := os.ReadFile(filepath.Join(a.AppRoot, ".corets", installLockFile)); err != nil || len(b) != 0 {
		t.Fatalf("install.lock holds %q, %v", b, err)
	}
}

// A load waits while a swap holds modules.lock, and fails with ErrBusy if
// it lasts; the installer's own load (its context marked) does not wait;
// a swap waits for loads in progress.
func TestLockForLoad(t *testing.T) {
	defer setLockWait(50 * time.Millisecond)()
	a := newApp(t)
	ctx := context.Background()
	// shared: loads go together
	u1, err := LockForLoad(ctx, a.AppRoot)
	if err != nil {
		t.Fatal(err)
	}
	u2, err := LockForLoad(ctx, a.AppRoot)
	if err != nil {
		t.Fatal(err)
	}
	// ... and hold off a swap
	if _, _, err := lockModules(ctx, a.AppRoot); !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "loaded") {
		t.Fatalf("swap during loads: %v", err)
	}
	_, err = a.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "")), Options{})
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("install during loads: %v", err)
	}
	checkNothingLeft(t, a, "notes")
	u1()
	u2()

	marked, unlock, err := lockModules(ctx, a.AppRoot)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LockForLoad(ctx, a.AppRoot); !errors.Is(err, ErrBusy) {
		t.Fatalf("load during a swap: %v", err)
	}
	own, err := LockForLoad(marked, a.AppRoot)
	if err != nil {
		t.Fatalf("the installer's own load: %v", err)
	}
	own()
	// a context marked for another app root is no pass
	if _, err := LockForLoad(context.WithValue(ctx, lockedKey{}, a.AppRoot+"x"), a.AppRoot); !errors.Is(err, ErrBusy) {
		t.Fatalf("load with another root's mark: %v", err)
	}
	unlock()
	u, err := LockForLoad(ctx, a.AppRoot)
	if err != nil {
		t.Fatalf("after the swap: %v", err)
	}
	u()

	// a cancelled wait ends with the context's error
	_, unlock, err = lockModules(ctx, a.AppRoot)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := LockForLoad(cctx, a.AppRoot); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled load: %v", err)
	}
}

// An app root whose .corets cannot be made (a file in its place) does not
// stop loads; installs fail with the reason.
func TestLockFileUnavailable(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	if err := os.WriteFile(filepath.Join(a.AppRoot, ".corets"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	u, err := LockForLoad(context.Background(), a.AppRoot)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	u()
	if _, err := a.Install(context.Background(), writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "")), Options{}); err == nil {
		t.Fatal("install succeeded without its lock")
	}
}

func setLockWait(d time.Duration) (restore func()) {
	old := LockWait
	LockWait = d
	return func() { LockWait = old }
}

func itoa(n int) string { return strconv.Itoa(n) }
