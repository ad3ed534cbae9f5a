package install

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/corets/corets-wasm/manifest"
)

// Remove uninstalls a module: it stops it (Hooks.Unload), deletes its
// directory, its record and its store partition, so the module's own
// stored data is gone too (shared groups stay). A code with neither a
// record nor a directory is an error wrapping ErrNotInstalled.
func (in *Installer) Remove(ctx context.Context, code string) error {
	if err := manifest.ValidCode(code); err != nil {
		return fmt.Errorf("code %w", err)
	}
	unlock, err := lockAppRoot(ctx, in.AppRoot)
	if err != nil {
		return err
	}
	defer unlock()
	ctx, unlockModules, err := lockModules(ctx, in.AppRoot)
	if err != nil {
		return err
	}
	defer unlockModules()
	modsDir := in.modulesDir()
	target := filepath.Join(modsDir, code)
	_, raw, _, err := in.record(code)
	if err != nil {
		return err
	}
	_, statErr := os.Lstat(target)
	if raw == nil && errors.Is(statErr, fs.ErrNotExist) {
		return fmt.Errorf("%w: %q", ErrNotInstalled, code)
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
			return err
		}
	}
	if _, err := in.Store.System().Delete(recordGroup, code); err != nil {
		if aside != "" {
			os.Rename(aside, target)
		}
		in.reload(ctx, wasLoaded, target)
		return err
	}
	errs := []error{in.Store.DeleteModule(code)}
	if aside != "" {
		errs = append(errs, os.RemoveAll(aside))
	}
	return errors.Join(errs...)
}
