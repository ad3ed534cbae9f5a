package install

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/testutil"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// testApp is an Installer on a new app root inside its own parent
// directory (so tests can check that nothing lands beside the app root),
// with a store in memory and hooks standing in for the registry: Load
// reads the manifest and fails for a module holding a file named
// "cannot-start"; loaded maps each running module to its directory;
// Approve records what it was asked and answers answer.
type testApp struct {
	*Installer
	mu     sync.Mutex
	loaded map[string]string
	asked  []Change
	answer bool
}

func newApp(t testing.TB, configure ...func(*Installer)) *testApp {
	t.Helper()
	root := filepath.Join(t.TempDir(), "app")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	return openApp(t, root, kv.OpenMemory(kv.Options{}), configure...)
}

// openApp is newApp on a given app root and store, as a process that
// starts again sees them.
func openApp(t testing.TB, root string, db *kv.DB, configure ...func(*Installer)) *testApp {
	a := &testApp{loaded: map[string]string{}}
	a.Installer = &Installer{AppRoot: root, Store: db, Defaults: testDefaults}
	a.Hooks = Hooks{
		Approve: func(_ context.Context, c Change) (bool, error) {
			a.mu.Lock()
			defer a.mu.Unlock()
			a.asked = append(a.asked, c)
			return a.answer, nil
		},
		Unload: func(_ context.Context, code string) bool {
			a.mu.Lock()
			defer a.mu.Unlock()
			_, ok := a.loaded[code]
			delete(a.loaded, code)
			return ok
		},
		Load: func(_ context.Context, dir string) error {
			m, err := manifest.Load(dir, manifest.Options{})
			if err != nil {
				return err
			}
			if _, err := os.Stat(filepath.Join(dir, "cannot-start")); err == nil {
				return errors.New("cannot start")
			}
			a.mu.Lock()
			defer a.mu.Unlock()
			a.loaded[m.Code] = dir
			return nil
		},
	}
	for _, f := range configure {
		f(a.Installer)
	}
	return a
}

// writeTree writes files (slash paths) under dir and returns dir.
func writeTree(t testing.TB, dir string, files map[string]string) string {
	t.Helper()
	return testutil.WriteTree(t, dir, files)
}

// moduleFiles is testutil.VersionedModule.
var moduleFiles = testutil.VersionedModule

// checkInstalled wants code installed at version: listed, its directory
// in place with that version, and loaded from there.
func checkInstalled(t testing.TB, a *testApp, code, version string) Module {
	t.Helper()
	list, err := a.List()
	if err != nil {
		t.Fatal(err)
	}
	var found *Module
	for i := range list {
		if list[i].Code == code {
			found = &list[i]
		}
	}
	if found == nil {
		t.Fatalf("%s is not listed in %+v", code, list)
	}
	if found.Version != version {
		t.Fatalf("%s is recorded at version %q, want %q", code, found.Version, version)
	}
	if want := filepath.Join(a.AppRoot, "modules", code); found.Dir != want {
		t.Fatalf("dir = %s, want %s", found.Dir, want)
	}
	m, err := manifest.Load(found.Dir, manifest.Options{})
	if err != nil || m.Version != version {
		t.Fatalf("installed manifest: %+v, %v", m, err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.loaded[code] != found.Dir {
		t.Fatalf("%s is not loaded from %s: %v", code, found.Dir, a.loaded)
	}
	return *found
}

// checkNothingLeft wants no trace of code: no directory, no record, not
// loaded, and nothing in <app root>/modules but the names in keep (no
// staging directory either).
func checkNothingLeft(t testing.TB, a *testApp, code string, keep ...string) {
	t.Helper()
	if code != "" {
		if _, err := os.Lstat(filepath.Join(a.AppRoot, "modules", code)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("modules/%s exists: %v", code, err)
		}
		if _, err := a.Store.System().Get(recordGroup, code); !errors.Is(err, kv.ErrNotFound) {
			t.Errorf("%s is recorded: %v", code, err)
		}
		a.mu.Lock()
		if dir, ok := a.loaded[code]; ok {
			t.Errorf("%s is loaded from %s", code, dir)
		}
		a.mu.Unlock()
	}
	entries, err := os.ReadDir(filepath.Join(a.AppRoot, "modules"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != strings.Join(keep, ",") {
		t.Errorf("modules/ holds %v, want %v", names, keep)
	}
}

// gitRun runs git in dir for a test, with an identity and no user config.
func gitRun(t testing.TB, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.com",
		"-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func fileURL(p string) string {
	s := filepath.ToSlash(p)
	if !strings.HasPrefix(s, "/") {
		s = "/" + s
	}
	return "file://" + s
}

// testDefaults stand for the limits a module runs with when its manifest
// leaves them unset (the host's).
var testDefaults = manifest.Limits{Memory: 64 << 20, Fuel: 1_000_000_000, Timeout: 30 * time.Second}
