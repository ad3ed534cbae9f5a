package jsengine

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// moduleKeyPrefix sets a module's name apart from a script's in the
// bytecode caches' keys: a name holding a NUL is refused (QuickJS would cut
// it there), so no script's key starts with it.
const moduleKeyPrefix = "\x00module\x00"

// ModuleURL is the import.meta.url a Module gets when its Bundle has no URL:
// a file: URL of name under the root, "file:///main.ts" for "main.ts".
func ModuleURL(name string) string {
	return (&url.URL{Scheme: "file", Path: "/" + strings.TrimPrefix(name, "/")}).String()
}

// loadModule is load for a Module: bridge_run compiles (through the
// bytecode caches) and evaluates it, and its evaluation's promise is awaited
// as a call's is. It reports whether the module's code ran.
func (in *Instance) loadModule(ctx context.Context, b Bundle) (bool, error) {
	if strings.IndexByte(b.Name, 0) >= 0 || strings.IndexByte(b.URL, 0) >= 0 {
		return false, fmt.Errorf("module %q: a bundle's name and URL cannot hold a NUL", in.cfg.Name)
	}
	u := b.URL
	if u == "" {
		u = ModuleURL(b.Name)
	}
	bc, err := in.bytecode(b.Name, b.Code, evalModule)
	if err != nil {
		return false, err
	}
	ptr, free := in.put(uint32(len(bc) + len(u) + 1))
	if ptr == 0 {
		return false, in.failure(stOOM)
	}
	defer free()
	mem := in.mod.Memory()
	mem.Write(ptr, bc)
	urlPtr := ptr + uint32(len(bc))
	mem.WriteString(urlPtr, u)
	mem.WriteByte(urlPtr+uint32(len(u)), 0)
	flags := int32(evalBytecode | evalModule | evalResult)
	if b.DefaultExports {
		flags |= evalDefaultExports
	}
	in.run.module = true
	st, stage := in.bridgeRun(runEval, ptr, uint32(len(bc)), urlPtr, uint32(flags))
	st = in.finishRun(st, stage, true)
	_, err = in.awaitState(ctx, st)
	return stage != stageCall || err == nil, err
}

// awaiting names what a run waits for, in its errors.
func (r *runState) awaiting() string {
	if r.module {
		return "the module's top-level await"
	}
	return "the returned promise"
}

// deadlineDetail is the detail of a timeout while awaiting a call's
// promise, or a module's evaluation.
func deadlineDetail(module bool) string {
	if module {
		return "the module's top-level await had not settled by its deadline"
	}
	return "the call's promise had not settled by its deadline"
}
