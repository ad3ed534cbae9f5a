package wasmplugin

import (
	"context"
	"fmt"
	"math"

	extism "github.com/extism/go-sdk"

	"github.com/corets/corets-wasm/internal/hostfns"
)

// hostFunctions are the host functions of hostfns.WasmFuncs, in
// hostfns.WasmNamespace. Each serves the binding the call's context carries
// (capsKey): one compiled plugin then serves instance after instance, each
// with its own binding. A call without one is answered with an error.
func hostFunctions() []extism.HostFunction {
	out := make([]extism.HostFunction, 0, len(hostfns.WasmFuncs))
	for _, name := range hostfns.WasmFuncs {
		f := extism.NewHostFunctionWithStack(name, func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
			var answer []byte
			req, err := readBlock(ctx, p, stack[0])
			m, _ := ctx.Value(capsKey{}).(*hostfns.Module)
			switch {
			case err != nil:
				answer = hostfns.ErrorAnswer(fmt.Errorf("%s: %w", name, err))
			case m == nil:
				answer = hostfns.ErrorAnswer(fmt.Errorf("%s: the call has no module binding", name))
			default:
				answer = m.Serve(ctx, name, req)
			}
			stack[0] = writeBlock(ctx, p, answer)
		}, []extism.ValueType{extism.ValueTypePTR}, []extism.ValueType{extism.ValueTypePTR})
		f.SetNamespace(hostfns.WasmNamespace)
		out = append(out, f)
	}
	return out
}

// readBlock copies a request out of the plugin's Extism memory. The offset
// comes from the guest, so it is checked rather than trusted: it must name
// a block the Extism kernel allocated, and the block must lie inside memory.
func readBlock(ctx context.Context, p *extism.CurrentPlugin, off uint64) ([]byte, error) {
	if off == 0 || off > math.MaxUint32 {
		return nil, hostfns.BadRequest("invalid memory block at offset %d", off)
	}
	n, err := p.LengthWithContext(ctx, off)
	if err != nil {
		return nil, hostfns.BadRequest("invalid memory block at offset %d: %v", off, err)
	}
	if n == 0 {
		return nil, hostfns.BadRequest("invalid memory block at offset %d", off)
	}
	if n > hostfns.MaxWasmRequest {
		return nil, hostfns.RequestTooLarge(n)
	}
	b, ok := p.Memory().Read(uint32(off), uint32(n))
	if !ok {
		return nil, hostfns.BadRequest("invalid memory block at offset %d (%d bytes)", off, n)
	}
	return append([]byte(nil), b...), nil
}

// writeBlock puts an answer in a new Extism block and returns its offset, 0
// when the block cannot be allocated (the memory cap was reached).
func writeBlock(ctx context.Context, p *extism.CurrentPlugin, b []byte) uint64 {
	off, err := p.AllocWithContext(ctx, uint64(len(b)))
	if err != nil || off == 0 || off > math.MaxUint32 {
		return 0
	}
	if !p.Memory().Write(uint32(off), b) {
		return 0
	}
	return off
}
