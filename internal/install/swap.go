package install

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/corets/corets-wasm/kv"
)

// swap puts the vetted module at dir in place of the installed version of
// rec.Code: unload the old one, move it aside (into staging, which the
// caller removes), rename dir into place, record, load. Each step is a
// rename or one store write, so a failure on the way can put back the old
// directory, record and loaded state, and the modules directory never
// holds half a module under its code.
//
// A follower (follow, see Follow) swaps in what the store already
// records: it writes no record, and a load that fails leaves the new
// version in place (it is what is recorded; the registry has the module
// ERRORED with the reason).
func (in *Installer) swap(ctx context.Context, staging, dir string, rec record, follow bool) error {
	code := rec.Code
	target := filepath.Join(in.modulesDir(), code)
	ctx, unlock, err := lockModules(ctx, in.AppRoot)
	if err != nil {
		return err
	}
	defer unlock()
	_, oldRaw, _, err := in.record(code)
	if err != nil {
		return err
	}
	wasLoaded := in.unload(ctx, code)

	var old string // the old version's directory, moved aside
	if _, err := os.Lstat(target); err == nil {
		old = filepath.Join(staging, previousPrefix+code)
		if err := os.Rename(target, old); err != nil {
			in.reload(ctx, wasLoaded, target)
			return fmt.Errorf("moving the installed version aside: %w", err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		in.reload(ctx, wasLoaded, target)
		return err
	}
	placed := false
	var wrote uint64 // the version of the record written, 0 before
	undo := func(cause error) error {
		var errs []error
		if placed {
			errs = append(errs, os.Rename(target, dir))
		}
		if old != "" {
			errs = append(errs, os.Rename(old, target))
		}
		// The record is put back only if it is still the one written
		// here: on a store other runtimes share, a newer install of the
		// code recorded meanwhile stays (and this runtime follows it).
		var err error
		switch {
		case wrote == 0: // nothing written (or a follower: not ours)
		case oldRaw != nil:
			_, err = in.Store.System().CompareAndSet(recordGroup, code, oldRaw, wrote)
		default:
			err = in.Store.System().CompareAndDelete(recordGroup, code, wrote)
		}
		if errors.Is(err, kv.ErrConflict) {
			err = nil
			cause = fmt.Errorf("%w (another install of %q was recorded meanwhile, and stays)", cause, code)
		}
		errs = append(errs, err)
		in.reload(ctx, wasLoaded, target)
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("%w (and putting the previous version back failed: %v)", cause, err)
		}
		return cause
	}

	if err := os.Rename(dir, target); err != nil {
		return undo(fmt.Errorf("moving the module into place: %w", err))
	}
	placed = true
	if !follow {
		raw, err := json.Marshal(rec)
		if err != nil {
			return undo(err)
		}
		if wrote, err = in.Store.System().Set(recordGroup, code, raw); err != nil {
			return undo(fmt.Errorf("recording the install: %w", err))
		}
	}
	if in.Hooks.Load != nil {
		if err := in.Hooks.Load(ctx, target); err != nil {
			if follow {
				return fmt.Errorf("the module does not start: %w", err)
			}
			in.unload(context.WithoutCancel(ctx), code)
			what := "the installed version is back"
			if old == "" {
				what = "nothing was installed"
			}
			return undo(fmt.Errorf("the module does not start (%s): %w", what, err))
		}
	}
	return nil
}

// unload stops code through Hooks.Unload and reports whether it ran.
func (in *Installer) unload(ctx context.Context, code string) bool {
	return in.Hooks.Unload != nil && in.Hooks.Unload(ctx, code)
}

// reload starts the installed version again after a failed swap or
// removal, if it ran before. Its failure is the registry's to report (in
// the module's status).
func (in *Installer) reload(ctx context.Context, wasLoaded bool, dir string) {
	if wasLoaded && in.Hooks.Load != nil {
		in.Hooks.Load(context.WithoutCancel(ctx), dir)
	}
}
