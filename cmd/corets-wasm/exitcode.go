package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"text/tabwriter"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
	"github.com/corets/corets-wasm/modules"
)

// The exit statuses besides exitOK, exitFailed, exitUsage and
// exitInterrupted (main.go).
const (
	exitConfig     = 3
	exitBuild      = 4
	exitNotFound   = 5
	exitPermission = 6
	exitException  = 7
	exitFuel       = 8
	exitMemory     = 9
	exitTimeout    = 10
	exitStoreBusy  = 11
	exitErrored    = 12
)

// exitKind is one kind of failure: its name in --json output, its exit
// status, and what the help says of it.
type exitKind struct {
	name string
	code int
	desc string
	// is reports whether err is of this kind; nil for the kinds runMain
	// decides itself (ok, usage, interrupted, and the catch-all).
	is func(err error) bool
}

// exitKinds is the one table of exit statuses: the help, the README, the
// --json "kind" and the process's exit status all come from it. The
// numbers are stable: scripts test them. The first kind whose is matches
// decides, so the specific kinds come before the general ones (a limit
// before the exception it may carry, a refused capability before the
// exception a module sees it as).
var exitKinds = []exitKind{
	{name: "ok", code: exitOK, desc: "success"},
	{name: "error", code: exitFailed, desc: "any other failure (an I/O error, a refused install, a crash)"},
	{name: "usage", code: exitUsage, desc: "a command line the command does not understand"},
	{name: "config", code: exitConfig, desc: "an invalid or missing manifest (" + manifest.Path + "), key or signature, or a store that refuses its credentials", is: isConfig},
	{name: "build", code: exitBuild, desc: "the module's code does not bundle (syntax, refused or missing import)", is: isBuild},
	{name: "not_found", code: exitNotFound, desc: "no such module, file, installed module or export", is: isNotFound},
	{name: "permission", code: exitPermission, desc: "the module used a capability its manifest does not grant", is: isPermission},
	{name: "exception", code: exitException, desc: "the module threw (or rejected) and did not catch it, in the call or later in a timer", is: isException},
	{name: "fuel", code: exitFuel, desc: "the call used all its fuel (--fuel, limits.fuel)", is: is(modules.ErrFuel)},
	{name: "memory", code: exitMemory, desc: "the module reached its memory limit (--memory, limits.memory)", is: is(modules.ErrMemory)},
	{name: "timeout", code: exitTimeout, desc: "the call, or the wait for the module to be idle, ran past --timeout", is: isTimeout},
	{name: "store_busy", code: exitStoreBusy, desc: "the store is busy or unreachable (another process holds its file; an etcd cluster without a majority or out of reach), or another process kept installing or removing modules in the app root", is: isBusy},
	{name: "errored", code: exitErrored, desc: "a module is ERRORED (status; a call to an ERRORED module)", is: isErrored},
	{name: "interrupted", code: exitInterrupted, desc: "interrupted (Ctrl-C)"},
}

func isBusy(err error) bool { return isStoreBusy(err) || errors.Is(err, modules.ErrBusy) }

// exitKindOf is the kind of a command's failure err.
func exitKindOf(ctx context.Context, err error) exitKind {
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		return kindNamed("usage")
	case ctx.Err() != nil && !isLimit(err):
		return kindNamed("interrupted")
	}
	for _, k := range exitKinds {
		if k.is != nil && k.is(err) {
			return k
		}
	}
	return kindNamed("error")
}

func kindNamed(name string) exitKind {
	for _, k := range exitKinds {
		if k.name == name {
			return k
		}
	}
	panic("no exit kind " + name)
}

func is(target error) func(error) bool {
	return func(err error) bool { return errors.Is(err, target) }
}

func isLimit(err error) bool {
	for _, t := range []error{modules.ErrFuel, modules.ErrMemory, modules.ErrTimeout} {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}

func isConfig(err error) bool {
	var me *manifest.Error
	var list manifest.ErrorList
	var ke *keyError
	var sfe *storeFileError
	return errors.As(err, &me) || errors.As(err, &list) || errors.As(err, &ke) || errors.As(err, &sfe) ||
		errors.Is(err, manifest.ErrNotFound) || errors.Is(err, manifest.ErrUnsigned) || errors.Is(err, manifest.ErrBadSignature) ||
		errors.Is(err, kv.ErrDenied)
}

func isBuild(err error) bool {
	var be *modules.BundleError
	return errors.As(err, &be) || errors.Is(err, modules.ErrImportRefused) ||
		errors.Is(err, modules.ErrInputsTooLarge) || errors.Is(err, modules.ErrNestingTooDeep)
}

func isNotFound(err error) bool {
	var ee *modules.ExportError
	return errors.As(err, &ee) || errors.Is(err, modules.ErrNotInstalled) || errors.Is(err, modules.ErrNotLoaded) ||
		errors.Is(err, modules.ErrNoEntry) || errors.Is(err, fs.ErrNotExist)
}

func isPermission(err error) bool {
	var ex *modules.Exception
	return errors.Is(err, modules.ErrPermission) || (errors.As(err, &ex) && ex.Name == "PermissionDenied")
}

func isException(err error) bool {
	var ex *modules.Exception
	var ue *uncaughtError
	return errors.As(err, &ex) || (errors.As(err, &ue) && ue.limit == nil)
}

func isTimeout(err error) bool {
	var be *busyError
	return errors.Is(err, modules.ErrTimeout) || errors.As(err, &be)
}

func isErrored(err error) bool {
	var nr *modules.NotRunningError
	var ee *erroredError
	return errors.As(err, &nr) || errors.As(err, &ee)
}

// keyError is a --key file that does not read as a public key.
type keyError struct{ err error }

func (e *keyError) Error() string { return "--key: " + e.err.Error() }
func (e *keyError) Unwrap() error { return e.err }

// busyError is a module still busy (timers, host operations) when the wait
// for it to be idle timed out.
type busyError struct{ msg string }

func (e *busyError) Error() string { return e.msg }

// erroredError is status finding modules ERRORED.
type erroredError struct{ codes []string }

func (e *erroredError) Error() string {
	s := "module"
	if len(e.codes) > 1 {
		s += "s"
	}
	return fmt.Sprintf("%s %s ERRORED (see the error column)", s, strings.Join(e.codes, ", "))
}

// shownInJSON reports whether err's JSON output was the command's own (a
// status whose table says which modules are ERRORED).
func shownInJSON(err error) bool {
	var ee *erroredError
	return errors.As(err, &ee)
}

// printExitStatuses writes the table for the help.
func printExitStatuses(w io.Writer) {
	fmt.Fprintln(w, "Exit status:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, k := range exitKinds {
		fmt.Fprintf(tw, "  %d\t%s\t%s\n", k.code, k.name, k.desc)
	}
	tw.Flush()
}
