package modules

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/corets/corets-wasm/internal/install"
	"github.com/corets/corets-wasm/internal/supervisor"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// SharedInstalls says whether a runtime shares its installs with the
// other runtimes on its store (Options.SharedInstalls).
//
// With shared installs, an install or update also writes the module's
// files into the store (content-addressed blobs in the system group
// "_blobs", written before the install record), and the runtime follows
// the store: at Open it materializes every recorded module that is missing
// or different in its app root, and removes installed modules that are no
// longer recorded; then, until Close, it watches the records ("_modules")
// and loads, reloads or unloads modules as other runtimes install, update
// or remove them. Everything fetched is checked: each blob against its
// sha256, the module against its record's digest, the signature when the
// runtime has a PublicKey (unsigned modules are refused, as Install
// refuses them), and the manifest against the grants the installing
// runtime approved (a manifest asking for more is refused). Approval
// happens only on the runtime that installs. A module the runtime cannot
// follow is ERRORED with the reason (Status.Error) and logged; the next
// change to its record is tried again.
type SharedInstalls int

const (
	// SharedInstallsAuto shares installs when the store is the embedder's
	// (Options.Store, which several runtimes may be given) or its Watch
	// reports every writer's changes (kv.DB.WatchesAll: a store such as
	// etcd:// that runtimes on several machines use). A runtime on its
	// own store file, the default, keeps its installs to itself.
	SharedInstallsAuto SharedInstalls = iota
	// SharedInstallsOn shares installs whatever the store.
	SharedInstallsOn
	// SharedInstallsOff never shares installs: installs write no blobs
	// and the runtime follows nothing, as on a private store.
	SharedInstallsOff
)

// sharesInstalls decides Options.SharedInstalls for the store db.
func (o Options) sharesInstalls(db *kv.DB) bool {
	switch o.SharedInstalls {
	case SharedInstallsOn:
		return true
	case SharedInstallsOff:
		return false
	}
	return o.Store != nil || db.WatchesAll()
}

// SharesInstalls reports whether the runtime shares its installs with the
// other runtimes on its store (see SharedInstalls).
func (r *Runtime) SharesInstalls() bool { return r.shared }

// follower is the goroutine following the store's install records.
type follower struct {
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// startFollowing watches the install records, reconciles the app root
// with them, and keeps following them until Close.
func (r *Runtime) startFollowing(ctx context.Context) error {
	wctx, cancel := context.WithCancel(context.Background())
	events, err := r.db.System().Watch(wctx, "_modules")
	if err != nil {
		cancel()
		return fmt.Errorf("following shared installs: %w", err)
	}
	r.follow = &follower{cancel: cancel, done: make(chan struct{})}
	// watching first, so that nothing recorded during the reconcile is
	// missed; events about what the reconcile did are then harmless
	r.reconcile(ctx)
	go func() {
		defer close(r.follow.done)
		for {
			for ev := range events {
				if ev.Resync {
					r.reconcile(wctx)
				} else {
					r.followOne(wctx, ev.Key)
				}
			}
			// The watch ended before Close (the store's connection,
			// say): watch again, and read everything that may have been
			// missed meanwhile.
			if events = r.rewatch(wctx); events == nil {
				return
			}
			r.reconcile(wctx)
		}
	}()
	return nil
}

// rewatch watches the install records again after a watch ended, trying
// every few seconds until it works or ctx ends (nil then).
func (r *Runtime) rewatch(ctx context.Context) <-chan kv.Event {
	pause := 100 * time.Millisecond
	for ctx.Err() == nil {
		events, err := r.db.System().Watch(ctx, "_modules")
		if err == nil {
			return events
		}
		if errors.Is(err, kv.ErrClosed) {
			r.log.Warn("shared installs: the store was closed; no longer following its installs", "err", err)
			return nil
		}
		r.log.Warn("shared installs: watching the install records", "err", err)
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
		case <-t.C:
		}
		pause = min(2*pause, 5*time.Second)
	}
	return nil
}

// stopFollowing ends the follower and waits for it.
func (r *Runtime) stopFollowing() {
	f := r.follow
	if f == nil {
		return
	}
	f.once.Do(func() {
		f.cancel()
		<-f.done
	})
}

// reconcile follows every recorded module and every installed directory.
func (r *Runtime) reconcile(ctx context.Context) {
	codes, err := r.installer().Followed()
	if err != nil {
		r.log.Warn("shared installs: listing the installed modules", "err", err)
		return
	}
	for _, code := range codes {
		if ctx.Err() != nil {
			return
		}
		r.followOne(ctx, code)
	}
}

// followOne brings one module in line with its record: materialized and
// loaded, reloaded with the recorded version, or unloaded and removed.
// Failures are logged and leave the module ERRORED with the reason.
func (r *Runtime) followOne(ctx context.Context, code string) {
	if manifest.ValidCode(code) != nil {
		return // not a record install writes
	}
	dir := filepath.Join(r.appRoot, "modules", code)
	action, err := r.installer().Follow(ctx, code, install.FollowLimits{})
	if ctx.Err() != nil || errors.Is(err, kv.ErrClosed) {
		return // closing, or the embedder closed the store first
	}
	switch {
	case err != nil:
		r.log.Warn("shared installs: cannot follow the module's record", "module", code, "err", err)
		if action == install.FollowInstalled && r.erroredAt(code, dir) {
			return // the load failed and said why
		}
		r.markErrored(code, dir, err)
	case action == install.FollowInstalled:
		r.info("shared installs: installed the recorded version", "module", code)
	case action == install.FollowRemoved:
		r.info("shared installs: removed a module no longer recorded", "module", code)
		r.unloadFrom(ctx, code, dir) // an ERRORED placeholder
	default:
		if _, statErr := os.Stat(dir); statErr != nil {
			r.unloadFrom(ctx, code, dir) // not recorded, not here: a placeholder may remain
			return
		}
		m, err := r.module(code)
		switch {
		case errors.Is(err, ErrNotLoaded):
		case err != nil:
			return
		case m.path != dir:
			return // loaded from elsewhere by the embedder: theirs
		case m.status().State != StateErrored:
			return // running, starting, or restarting under its supervisor
		default:
			r.Unload(ctx, code) // ERRORED: try again
		}
		if _, err := r.Load(ctx, dir); err != nil {
			r.log.Warn("shared installs: loading the recorded version", "module", code, "err", err)
		}
	}
}

// erroredAt reports whether code is registered ERRORED from dir.
func (r *Runtime) erroredAt(code, dir string) bool {
	m, err := r.module(code)
	return err == nil && m.path == dir && m.status().State == StateErrored
}

// unloadFrom unloads code if it is registered from dir.
func (r *Runtime) unloadFrom(ctx context.Context, code, dir string) {
	if m, err := r.module(code); err == nil && m.path == dir {
		r.Unload(ctx, code)
	}
}

// markErrored registers code as ERRORED with err in place of whatever was
// registered from its installed directory dir, which is no longer what
// the store records. A module of the same code loaded from elsewhere is
// left alone.
func (r *Runtime) markErrored(code, dir string, err error) {
	m := &Module{r: r, code: code, path: dir, man: &manifest.Manifest{Code: code}, turn: make(chan struct{}, 1), installed: true}
	m.sup = supervisor.New(supervisor.Config{Policy: r.opts.Restart, Restart: func() {}, Pending: &r.wg})
	m.stopped = true
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	old := r.modules[code]
	if old != nil && old.path != dir {
		r.mu.Unlock()
		return
	}
	m.setState(StateErrored, err)
	r.modules[code] = m
	r.mu.Unlock()
	if old != nil {
		old.stop(StateStopped, nil)
	}
}

// info logs what the follower did on Options.Logger; the default logger
// gets warnings only, as for the module state records.
func (r *Runtime) info(msg string, args ...any) {
	if r.opts.Logger != nil {
		r.log.Info(msg, args...)
	}
}

// followBeforeLoad brings an installed module in line with the store's
// record before Load loads it, when installs are shared but nothing
// follows them (SkipInstalled: the command line's one-shot commands, which
// load the one module they run): a module installed on another machine is
// fetched, one updated there is updated here, one removed there is removed
// here. Fetching a module loads it: its code is returned then. A path
// that is not an installed module's is left alone.
func (r *Runtime) followBeforeLoad(ctx context.Context, abs string) (loaded string, err error) {
	if !r.shared || r.follow != nil || filepath.Dir(abs) != filepath.Join(r.appRoot, "modules") {
		return "", nil
	}
	code := filepath.Base(abs)
	if manifest.ValidCode(code) != nil {
		return "", nil
	}
	action, err := r.installer().Follow(ctx, code, install.FollowLimits{})
	if err != nil || action != install.FollowInstalled {
		return "", err
	}
	m, err := r.module(code)
	if err != nil || m.path != abs {
		return "", err
	}
	if st := m.status(); st.State == StateErrored {
		return "", errors.New(st.Error)
	}
	return code, nil
}
