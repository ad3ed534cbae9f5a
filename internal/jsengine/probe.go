package jsengine

import (
	"context"
	"encoding/json"
)

// probeBundle is the smallest typical module: a load and one call.
const probeBundle = `var __corets_exports = {
	probe(a, b) { const o = { a, b, s: "x" + a }; return [o.a + o.b, o.s] },
	other: (x) => x,
}`

// learnImageWrites starts one instance from the engine's image, loads and
// calls a small module, and tells the image which pages that wrote: every
// later instance copies those pages as it maps the image
// (wasmhost.Image.LearnWrites says why that is cheaper). A failure only
// leaves the image without the list.
//
// It runs at the engine's second NewInstance, not in New: a process that
// runs one module (the CLI) would pay for the probe and gain nothing.
func (e *Engine) learnImageWrites(ctx context.Context) {
	in, err := e.newInstance(ctx, InstanceConfig{Name: "probe", Output: func(string, string) {}})
	if err != nil {
		return
	}
	defer in.Close()
	if in.Load(ctx, Bundle{Name: "probe.js", Code: probeBundle}) != nil {
		return
	}
	if _, err := in.Call(ctx, "probe", json.RawMessage(`[1,2]`)); err != nil {
		return
	}
	// the loop is idle between calls: the guest's memory is not moving
	e.image.LearnWrites(in.mod)
}
