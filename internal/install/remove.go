package install

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// Removal is what Remove did.
type Removal struct {
	Code string
	// Uninstalled: the module's directory and record were removed. It is
	// false when Remove only purged the stored data a module installed
	// earlier left behind.
	Uninstalled bool
	// Data is what the module's own store groups held: kept in the store
	// (a later install of the same code finds it), or deleted when Purged.
	// Shared groups are never touched.
	Data   kv.Usage
	Purged bool
}

// Remove uninstalls a module: it stops it (Hooks.Unload) and deletes its
// directory and its record. The module's own stored data stays in the
// store, where a later install of the same code finds it, unless purge is
// set; with purge, Remove also deletes the stored data of a code that is
// no longer installed. A code with neither a record nor a directory (nor,
// with purge, stored data) is an error wrapping ErrNotInstalled.
func (in *Installer) Remove(ctx context.Context, code string, purge bool) (Removal, error) {
	res := Removal{Code: code}
	if err := manifest.ValidCode(code); err != nil {
		return res, fmt.Errorf("code %w", err)
	}
	unlock, err := lockAppRoot(ctx, in.AppRoot)
	if err != nil {
		return res, err
	}
	defer unlock()
	ctx, unlockModules, err := lockModules(ctx, in.AppRoot)
	if err != nil {
		return res, err
	}
	defer unlockModules()
	modsDir := in.modulesDir()
	target := filepath.Join(modsDir, code)
	rec, raw, _, err := in.record(code)
	if err != nil {
		return res, err
	}
	if res.Data, err = in.Store.Module(code, kv.Quota{}).Usage(); err != nil {
		return res, err
	}
	_, statErr := os.Lstat(target)
	if raw == nil && errors.Is(statErr, fs.ErrNotExist) {
		if purge && res.Data.Keys > 0 {
			if err := in.Store.DeleteModule(code); err != nil {
				return res, err
			}
			res.Purged = true
			return res, nil
		}
		return res, fmt.Errorf("%w: %q", ErrNotInstalled, code)
	}
	wasLoaded := in.unload(ctx, code)
	// Move the directory aside first: the rename is all or nothing, so a
	// removal that fails half-way (a file in use on Windows) leaves no
	// half module under the code, and the rest is cleaned later.
	var aside string
	if statErr == nil {
		aside = filepath.Join(modsDir, removedPrefix+code+"-"+randomSuffix())
		if err := os.Rename(target, aside); err != nil {
			in.reload(ctx, wasLoaded, target)
			return res, err
		}
	}
	if _, err := in.Store.System().Delete(recordGroup, code); err != nil {
		if aside != "" {
			os.Rename(aside, target)
		}
		in.reload(ctx, wasLoaded, target)
		return res, err
	}
	res.Uninstalled = true
	if in.Shared {
		keys, _ := in.blobKeys(rec) // what the removed version used
		in.collectLogged(keys)
	}
	var errs []error
	if purge {
		err := in.Store.DeleteModule(code)
		res.Purged = err == nil
		errs = append(errs, err)
	}
	if aside != "" {
		errs = append(errs, os.RemoveAll(aside))
	}
	return res, errors.Join(errs...)
}
