package jsengine

import "context"

// test262Print is the global print test262's harness writes through
// (doneprintHandle.js): its arguments, converted with String and joined by
// a space, as one "log" line to the instance's Output. It keeps its own
// references so a test that replaces console or String does not change it.
const test262Print = `(() => {
  const log = console.log, S = String;
  globalThis.print = function print(...args) {
    let s = '';
    for (let i = 0; i < args.length; i++) s += (i ? ' ' : '') + S(args[i]);
    log(s);
  };
})()`

// InstallTest262 gives the instance the host hooks of test262's
// INTERPRETING.md, as QuickJS's run-test262 gives them: the global print
// (test262Print) and $262 with createRealm (a new context in the same
// runtime, with its own $262), detachArrayBuffer, evalScript, gc, global,
// IsHTMLDDA and codePointRange; $262.agent is not provided (one thread).
// canBlock is whether Atomics.wait may block (test262's CanBlockIsTrue and
// CanBlockIsFalse flags).
//
// Only the conformance runner (internal/jsengine/test262) calls it: an
// instance never has these unless its embedder asks for them.
func (in *Instance) InstallTest262(ctx context.Context, canBlock bool) error {
	if err := in.lock(ctx); err != nil {
		return err
	}
	defer in.unlock()
	if err := in.begin(ctx); err != nil {
		return err
	}
	in.beginRun(ctx, &callBudget{})
	defer in.endRun()
	if err := in.evalCached("test262-print.js", test262Print, 0); err != nil {
		return err
	}
	block := uint64(0)
	if canBlock {
		block = 1
	}
	return in.failure(in.callFn(in.fn(exConformance), block))
}
