package hostfns

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/corets/corets-wasm/internal/caps"
	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/kv"
)

type storeReq struct {
	Group   string          `json:"group"`
	Key     string          `json:"key"`
	Value   json.RawMessage `json:"value"`
	Prefix  string          `json:"prefix"`
	Cursor  string          `json:"cursor"`
	Limit   int             `json:"limit"`
	Version uint64          `json:"version"`
	Delete  bool            `json:"delete"`
}

type storeEntry struct {
	Key     string          `json:"key,omitempty"`
	Value   json.RawMessage `json:"value"`
	Version uint64          `json:"version"`
}

// partition picks the partition a group lives in for this module: its
// own, or the shared one when the manifest lists the group under store.
// Groups starting with "_" are the runtime's and always refused.
func (m *Module) partition(group string) (*kv.Partition, error) {
	scope, err := caps.CheckGroup(group, m.m.Permissions.Store)
	if err != nil {
		return nil, err
	}
	var p *kv.Partition
	if scope == caps.Shared {
		p = m.shared
	} else {
		p = m.own
	}
	if p == nil {
		if m.h.cfg.Store == nil {
			return nil, &caps.DeniedError{Capability: "store", Value: group, Reason: "the runtime has no store"}
		}
		return nil, &caps.DeniedError{Capability: "store", Value: group, Reason: "a module without a code has no groups of its own"}
	}
	return p, nil
}

func decodeStore(arg []byte) (storeReq, error) {
	var r storeReq
	if err := json.Unmarshal(arg, &r); err != nil {
		return r, typeError("malformed store request: %v", err)
	}
	return r, nil
}

// valueJSON returns a stored value as JSON: values written by modules are
// JSON already; anything else (written by the embedder) becomes a string.
func valueJSON(v []byte) json.RawMessage {
	if json.Valid(v) {
		return v
	}
	s, _ := json.Marshal(string(v))
	return s
}

func (m *Module) store(arg []byte, do func(r storeReq, p *kv.Partition) ([]byte, error)) ([]byte, error) {
	r, err := decodeStore(arg)
	if err != nil {
		return nil, err
	}
	out, err := func() ([]byte, error) {
		p, err := m.partition(r.Group)
		if err != nil {
			return nil, err
		}
		return do(r, p)
	}()
	m.audit("store", r.Group+"/"+r.Key, err)
	if err != nil {
		return nil, guestError("store", r.Group+"/"+r.Key, err)
	}
	return out, nil
}

func storeGet(_ context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	return m.store(arg, func(r storeReq, p *kv.Partition) ([]byte, error) {
		e, err := p.Get(r.Group, r.Key)
		if errors.Is(err, kv.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return json.Marshal(storeEntry{Value: valueJSON(e.Value), Version: e.Version})
	})
}

func storeSet(_ context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	return m.store(arg, func(r storeReq, p *kv.Partition) ([]byte, error) {
		if len(r.Value) == 0 {
			return nil, typeError("storeSet needs a value")
		}
		v, err := p.Set(r.Group, r.Key, r.Value)
		if err != nil {
			return nil, err
		}
		return []byte(`{"version":` + strconv.FormatUint(v, 10) + `}`), nil
	})
}

func storeDelete(_ context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	return m.store(arg, func(r storeReq, p *kv.Partition) ([]byte, error) {
		existed, err := p.Delete(r.Group, r.Key)
		return []byte(strconv.FormatBool(existed)), err
	})
}

func storeList(_ context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	return m.store(arg, func(r storeReq, p *kv.Partition) ([]byte, error) {
		entries, next, err := p.List(r.Group, r.Prefix, r.Cursor, r.Limit)
		if err != nil {
			return nil, err
		}
		out := struct {
			Entries []storeEntry `json:"entries"`
			Cursor  *string      `json:"cursor"`
		}{Entries: make([]storeEntry, len(entries))}
		for i, e := range entries {
			out.Entries[i] = storeEntry{Key: e.Key, Value: valueJSON(e.Value), Version: e.Version}
		}
		if next != "" {
			out.Cursor = &next
		}
		return json.Marshal(out)
	})
}

// storeCAS answers {ok, version}: the new version when the write happened,
// the current one (0 for none) when another write came first.
func storeCAS(_ context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	return m.store(arg, func(r storeReq, p *kv.Partition) ([]byte, error) {
		var v uint64
		var err error
		if r.Delete {
			err = p.CompareAndDelete(r.Group, r.Key, r.Version)
		} else {
			v, err = p.CompareAndSet(r.Group, r.Key, r.Value, r.Version)
		}
		var conflict *kv.ConflictError
		if errors.As(err, &conflict) {
			return []byte(`{"ok":false,"version":` + strconv.FormatUint(conflict.Current, 10) + `}`), nil
		}
		if err != nil {
			return nil, err
		}
		return []byte(`{"ok":true,"version":` + strconv.FormatUint(v, 10) + `}`), nil
	})
}
