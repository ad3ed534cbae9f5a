package modules

import "github.com/corets/corets-wasm/internal/hostfns"

// HostFunc is one of the embedder's own host functions (Options.Funcs):
//
//	type HostFunc struct {
//		Name       string // what the module passes to core.call
//		Capability string // the manifest key that grants it: permissions.<Capability>
//		Async      bool   // run Fn on its own goroutine while the module's code goes on
//		Fn         func(ctx context.Context, call HostCall, arg json.RawMessage) (any, error)
//	}
//
// A module calls it with `await core.call(name, arg)`; only modules whose
// manifest lists its Capability under permissions may (others get
// PermissionDenied and Fn is not called), and Fn sees that list in
// HostCall.Grants to decide what each entry allows.
//
// Sync or async: core.call returns a promise either way. Without Async, Fn
// runs on the module's call under the instance's lock: the module's code
// (its timers included) waits, so keep it quick. With Async, Fn runs on a
// goroutine of its own and the promise settles when it returns, while the
// module's other code goes on. ctx ends at the deadline of the module's
// current call (limits.timeout, or the caller's context) or when the
// instance closes; Fn must return soon after. Fn is called concurrently
// by every instance that calls it.
//
// Marshalling: arg is the JSON of core.call's second argument (null when
// absent); unmarshal it and treat it as untrusted. The result goes through
// encoding/json and reaches the module parsed (nil is null; a
// json.RawMessage is passed as it is).
//
// Errors: a returned error rejects the module's promise with an Error
// named "Error" whose message is "<Name>: <err>". If the error (or one it
// wraps) has a method JSName() string, the module's error has that name
// and err's message alone: return one named "PermissionDenied", "NotFound"
// or "TypeError" so the module can test err.name as it does for the
// built-in capabilities. Go stacks and types never reach the module.
// ExampleHostFunc is a complete program.
type HostFunc = hostfns.Func

// HostCall tells a HostFunc who called: the module's code and its grants.
type HostCall = hostfns.Call
