package hostfns

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/corets/corets-wasm/internal/caps"
	"github.com/corets/corets-wasm/internal/jsengine"
)

// customCall serves core.call(name, arg) for the embedder's functions: the
// module must be granted the function's capability (a non-empty list in
// its manifest), and the function gets that list to check values against.
func customCall(ctx context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	var r struct {
		Name string          `json:"name"`
		Arg  json.RawMessage `json:"arg"`
	}
	if err := json.Unmarshal(arg, &r); err != nil {
		return nil, typeError("malformed core.call request: %v", err)
	}
	f := m.h.funcs[r.Name]
	if f == nil {
		return nil, &jsError{name: "TypeError", msg: fmt.Sprintf("core.call: no host function %q", r.Name)}
	}
	grants := m.m.Permissions.Extra[f.Capability]
	if len(grants) == 0 {
		err := &caps.DeniedError{Capability: f.Capability, Value: r.Name, Grantable: true}
		m.audit(f.Capability, r.Name, err)
		return nil, err
	}
	v, err := f.Fn(ctx, Call{Module: m.code, Grants: append([]string(nil), grants...)}, r.Arg)
	m.audit(f.Capability, r.Name, err)
	if err != nil {
		var named jsengine.HostError
		if errors.As(err, &named) {
			return nil, &jsError{name: named.JSName(), msg: err.Error(), err: err}
		}
		return nil, &jsError{name: "Error", err: err, msg: fmt.Sprintf("%s: %v", r.Name, err)}
	}
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

// moduleInfo answers core.module: the identity the host bound.
func moduleInfo(_ context.Context, m *Module, _ *jsengine.Caller, _ []byte) ([]byte, error) {
	return json.Marshal(map[string]string{"code": m.code, "name": m.m.Name, "version": m.m.Version})
}
