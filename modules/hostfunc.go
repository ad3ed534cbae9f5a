package modules

import "github.com/corets/corets-wasm/internal/hostfns"

// HostFunc is one of the embedder's own host functions (Options.Funcs). A
// module calls it with `core.call(name, arg)`; only modules whose manifest
// lists its Capability under permissions may, and Fn sees that list in
// HostCall.Grants to decide what each entry allows. With Async, the module
// gets a promise and Fn runs off the module's event loop. Fn's result is
// sent to the module as JSON; an error becomes an exception (a
// *PermissionError one named "PermissionDenied").
type HostFunc = hostfns.Func

// HostCall tells a HostFunc who called: the module's code and its grants.
type HostCall = hostfns.Call
