// Package instance is the seam between the registry and the engines that
// run modules: QuickJS (internal/jsengine) for TypeScript and Extism
// (modules/wasmplugin) for wasm plugins. The registry starts, calls, watches
// and restarts modules through Instance and Engine alone, so it is written
// once for every kind of module and links no engine it does not use.
//
// It must never import an engine: it holds only the contract.
package instance

import (
	"context"
	"encoding/json"
	"log/slog"

	"github.com/corets/corets-wasm/internal/hostfns"
)

// Instance is one running module, whatever engine runs it. Calls to one
// instance are serialized by the instance.
type Instance interface {
	// Call runs the export name with args, a JSON array, and returns its
	// JSON result.
	Call(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error)
	// Wait returns when the instance has nothing left to do between calls
	// (no timer or host operation pending), or when ctx ends. An engine
	// without an event loop returns at once.
	Wait(ctx context.Context) error
	// Died is closed when the instance can run nothing more: a limit or a
	// crash ended it, or it was closed.
	Died() <-chan struct{}
	// Err is why the instance died, or nil while it is alive.
	Err() error
	// Close ends the instance and frees its memory. A call in progress
	// returns an error.
	Close() error
}

// Spec is what an engine needs to start one module's instance.
type Spec struct {
	Code string // the module's code, for errors and logs
	Dir  string // the module's directory
	Main string // the manifest's main, slash-separated, relative to Dir
	// MainPos is where the manifest names main ("dir/.core/view.yml:3"),
	// for errors about the file.
	MainPos string
	// Caps is the module's capability binding: its limits, its console and
	// every host function it may call. The registry closes it.
	Caps *hostfns.Module
	// Verify checks the sha256 (hex) of each file the instance is made
	// from, by slash-separated path, against what was verified at install;
	// nil for a module that is not installed.
	Verify func(sums map[string]string) error
}

// Engine starts instances of one kind of module for one Runtime. It is
// safe for concurrent use.
type Engine interface {
	Start(ctx context.Context, s Spec) (Instance, error)
	// Close frees what the engine keeps between starts (compiled code);
	// the Runtime's instances are closed before.
	Close(ctx context.Context) error
}

// Host is what a Runtime lends an engine it opens.
type Host struct {
	// CacheDir is the directory of wazero's compilation cache, "" for none.
	// It is one of the Runtime's reserved paths: no module reaches it.
	CacheDir string
	// Logger receives what the engine cannot do (e.g. use its disk cache);
	// never nil.
	Logger *slog.Logger
}
