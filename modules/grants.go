package modules

import (
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/corets/corets-wasm/internal/caps"
	"github.com/corets/corets-wasm/manifest"
)

// GrantError is an entry of Options.Grants that could not be a grant in a
// manifest either: Permission is its key ("read", "net", or an embedder's
// capability), Entry the value, Err why.
type GrantError struct {
	Permission string
	Entry      string
	Err        error
}

func (e *GrantError) Error() string {
	return fmt.Sprintf("grant %s %q: %v", e.Permission, e.Entry, e.Err)
}

func (e *GrantError) Unwrap() error { return e.Err }

// capabilities are the embedder capability names manifests may grant: those
// of Options.Funcs and Options.Capabilities.
func (r *Runtime) capabilities() []string {
	out := r.host.Capabilities()
	for _, c := range r.opts.Capabilities {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// checkCapabilities refuses an Options.Capabilities name that cannot be one.
func checkCapabilities(names []string) error {
	for _, c := range names {
		if err := manifest.ValidCapability(c); err != nil {
			return fmt.Errorf("Options.Capabilities: %w", err)
		}
	}
	return nil
}

// checkGrants checks Options.Grants entry by entry with the rules a
// manifest's entries meet (manifest.Validate, then what binding them
// checks), so a bad one is named before anything loads.
func (r *Runtime) checkGrants() error {
	g := r.opts.Grants
	known := r.capabilities()
	for name := range g.Extra {
		if !slices.Contains(known, name) {
			entry := ""
			if len(g.Extra[name]) > 0 {
				entry = g.Extra[name][0]
			}
			return &GrantError{Permission: name, Entry: entry, Err: errors.New("is not a capability this runtime knows (Options.Funcs or Options.Capabilities)")}
		}
	}
	names := append(manifest.BuiltinPermissions(), known...)
	for _, name := range names {
		for _, entry := range g.List(name) {
			if err := checkGrant(name, entry, known); err != nil {
				return &GrantError{Permission: name, Entry: entry, Err: err}
			}
		}
	}
	return nil
}

func checkGrant(name, entry string, known []string) error {
	m := &manifest.Manifest{Code: "grant", Runtime: manifest.RuntimeTypeScript}
	one := []string{entry}
	switch name {
	case "read":
		m.Permissions.Read = one
	case "write":
		m.Permissions.Write = one
	case "net":
		m.Permissions.Net = one
	case "run":
		m.Permissions.Run = one
	case "store":
		m.Permissions.Store = one
	case "env":
		m.Permissions.Env = one
	default:
		m.Permissions.Extra = map[string][]string{name: one}
	}
	if err := m.Validate(manifest.Options{Capabilities: known}); err != nil {
		var list manifest.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			return errors.New(list[0].Msg)
		}
		return err
	}
	var err error
	switch name {
	case "read", "write":
		_, err = caps.NewPathSet(name, one)
	case "net":
		_, err = caps.NewNetPolicy(one)
	case "run":
		_, err = caps.NewPrograms(one, func(string) (string, error) { return "", errors.New("not searched") })
	case "store":
		if len(entry) > 0 && entry[0] == '_' {
			err = errors.New("groups starting with _ are reserved for the runtime")
		}
	}
	return err
}

// granted is p with Options.Grants added, for a module that is not
// installed (an installed module keeps the grants approved at install).
func (r *Runtime) granted(p manifest.Permissions) manifest.Permissions {
	g := r.opts.Grants
	add := func(have, more []string) []string {
		out := slices.Clip(have)
		for _, e := range more {
			if !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
		return out
	}
	p.Read = add(p.Read, g.Read)
	p.Write = add(p.Write, g.Write)
	p.Net = add(p.Net, g.Net)
	p.Run = add(p.Run, g.Run)
	p.Store = add(p.Store, g.Store)
	p.Env = add(p.Env, g.Env)
	if len(g.Extra) > 0 {
		extra := make(map[string][]string, len(p.Extra)+len(g.Extra))
		for k, v := range p.Extra {
			extra[k] = v
		}
		for k, v := range g.Extra {
			extra[k] = add(extra[k], v)
		}
		p.Extra = extra
	}
	return p
}
