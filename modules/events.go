package modules

import (
	"context"

	"github.com/corets/corets-wasm/internal/jsengine"
)

// What a Runtime's Logger (Options.Logger) receives besides its warnings:
// a record per state change of each module, and, without Options.Output,
// the modules' console lines. Every record has the module's code as the
// "module" attribute; a console line written during a host call of an
// export also has its name as "call" ("init" while the module loads; none
// for a timer or callback that runs between calls, though one that runs
// just as a call is starting may carry that call's name).
//
//	msg               level  attributes
//	module loading    DEBUG  module, restarts (a restart: INFO "module restarting", with the cause as err)
//	module running    INFO   module, restarts
//	module died       WARN   module, err (a limit, a crash), restarts
//	module errored    ERROR  module, err (failed to load, or died too often)
//	module stopped    INFO   module (unloaded, or the runtime closed)
//	<console text>    INFO/WARN/ERROR/DEBUG by console method  module, stream ("log", "warn", ...), call
//
// The state records and the call attribute go only to a Logger the
// embedder set: with a nil Logger, slog.Default() gets the console lines
// and warnings, as before. The records are made while the module's state
// is locked: a handler must not call the Runtime back.

// logState reports a state change; m.mu is held (setState). Only to an
// embedder's own Logger: without one, slog.Default() gets what it got
// before these records existed.
func (m *Module) logState(s State, err error) {
	if m.r.opts.Logger == nil {
		return
	}
	log := m.r.log
	attrs := []any{"module", m.code}
	switch s {
	case StateLoading:
		if m.restarts > 0 {
			log.Info("module restarting", append(attrs, "restarts", m.restarts, "err", errString(err))...)
			return
		}
		log.Debug("module loading", attrs...)
	case StateRunning:
		log.Info("module running", append(attrs, "restarts", m.restarts)...)
	case StateStopped:
		if err != nil {
			log.Warn("module died", append(attrs, "err", err.Error(), "restarts", m.restarts)...)
			return
		}
		log.Info("module stopped", attrs...)
	case StateErrored:
		log.Error("module errored", append(attrs, "err", errString(err))...)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// console routes one console line: to Options.Output if set (which takes
// no attributes), else to the Logger with the module and the call (without
// a Logger, to slog.Default() as before, with the module only).
func (m *Module) console(out func(level, text string), level, text string) {
	if m.r.opts.Output != nil || m.r.opts.Logger == nil {
		out(level, text)
		return
	}
	attrs := []any{"module", m.code, "stream", level}
	if c := m.current.Load(); c != nil {
		attrs = append(attrs, "call", *c)
	}
	m.r.log.Log(context.Background(), jsengine.ConsoleLevel(level), text, attrs...)
}

// enter waits for the module's turn (calls to one module run one at a
// time, as its instance runs them) and names the call for console
// records; leave ends it. A caller whose context ends while it waits gets
// ctx.Err(), as from the instance's own lock.
func (m *Module) enter(ctx context.Context, name string) error {
	select {
	case m.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	m.current.Store(&name)
	return nil
}

func (m *Module) leave() {
	m.current.Store(nil)
	<-m.turn
}
