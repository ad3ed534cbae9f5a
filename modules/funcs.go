package modules

import "github.com/corets/corets-wasm/internal/hostfns"

// Func is one of the embedder's own host functions (Options.Funcs): a
// module calls it with core.call(Name, arg), and only if its manifest
// grants Capability (permissions.<Capability>: [...]). Fn receives the
// argument as JSON and returns what JSON-encodes as the result; Async
// functions give the module a promise and run off the event loop.
type Func = hostfns.Func

// FuncCall tells a Func who called it: the module's code and its
// permissions.<Capability> list, for the function to check its argument
// against.
type FuncCall = hostfns.Call
