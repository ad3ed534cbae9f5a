package install

import (
	"context"
	"crypto/rand"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/corets/corets-wasm/manifest"
)

// Names under <app root>/modules that are the installer's own: a staging
// directory per install in progress, and removed modules whose deletion
// did not finish. Module codes never start with '.'.
// Inside a staging directory, previousPrefix+code is the replaced
// version during a swap.
const (
	stagingPrefix  = ".staging-"
	removedPrefix  = ".removed-"
	previousPrefix = "previous-"
)

// staleAfter is how old another process's staging directory must be
// before an install removes it as left over from a crash.
const staleAfter = time.Hour

var (
	installLocksMu sync.Mutex
	installLocks   = map[string]*sync.Mutex{} // by app root
	activeStaging  = map[string]bool{}        // staging dirs of this process
)

// lockAppRoot serializes installs and removals under one app root: in
// this process with a mutex, across processes with install.lock.
func lockAppRoot(ctx context.Context, root string) (unlock func(), err error) {
	installLocksMu.Lock()
	mu := installLocks[root]
	if mu == nil {
		mu = &sync.Mutex{}
		installLocks[root] = mu
	}
	installLocksMu.Unlock()
	mu.Lock()
	unlockFile, err := lockInstalls(ctx, root)
	if err != nil {
		mu.Unlock()
		return nil, err
	}
	return func() {
		unlockFile()
		mu.Unlock()
	}, nil
}

func setActive(dir string, on bool) {
	installLocksMu.Lock()
	defer installLocksMu.Unlock()
	if on {
		activeStaging[dir] = true
	} else {
		delete(activeStaging, dir)
	}
}

// cleanStale removes what earlier installs and removals left behind when
// they were interrupted: staging directories no install of this process
// is using (another process's only once it is staleAfter old) and removed
// modules. A version that was moved aside by an update that never
// finished is put back if nothing took its place. Failures are left for
// the next time.
func cleanStale(modsDir string) {
	entries, err := os.ReadDir(modsDir)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := filepath.Join(modsDir, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), stagingPrefix):
			installLocksMu.Lock()
			active := activeStaging[p]
			installLocksMu.Unlock()
			if active {
				continue
			}
			if fi, err := e.Info(); err != nil || time.Since(fi.ModTime()) < staleAfter {
				continue
			}
			restorePrevious(modsDir, p)
			os.RemoveAll(p)
		case strings.HasPrefix(e.Name(), removedPrefix):
			os.RemoveAll(p)
		}
	}
}

func randomSuffix() string { return strings.ToLower(rand.Text()) }

// restorePrevious moves a replaced version found in a stale staging
// directory back to its place, if that place is empty.
func restorePrevious(modsDir, staging string) {
	entries, err := os.ReadDir(staging)
	if err != nil {
		return
	}
	for _, e := range entries {
		code, ok := strings.CutPrefix(e.Name(), previousPrefix)
		if !ok || !e.IsDir() || manifest.ValidCode(code) != nil {
			continue
		}
		target := filepath.Join(modsDir, code)
		if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
			os.Rename(filepath.Join(staging, e.Name()), target)
		}
	}
}
