package install

import (
	"errors"
	"fmt"
	"strings"

	"github.com/corets/corets-wasm/manifest"
)

// vet checks the staged module in dir before it goes anywhere: its
// manifest (verified when a public key is set) and code, then whatever
// Hooks.Check checks (that it bundles, that its grants bind). Messages
// name the source instead of the staging directory.
func (in *Installer) vet(dir, shown string) (*manifest.Manifest, error) {
	var m *manifest.Manifest
	var err error
	mopt := manifest.Options{Capabilities: in.Capabilities}
	if in.PublicKey != nil {
		m, err = manifest.LoadVerified(dir, mopt, in.PublicKey)
	} else {
		m, err = manifest.Load(dir, mopt)
	}
	if err != nil {
		if in.PublicKey != nil && errors.Is(err, manifest.ErrUnsigned) {
			err = fmt.Errorf("%w, and this runtime accepts only signed modules", err)
		}
		return nil, relabel(err, dir, shown)
	}
	if err := manifest.ValidCode(m.Code); err != nil {
		return nil, relabel(fmt.Errorf("%s: code %w", m.Pos("code"), err), dir, shown)
	}
	if in.Hooks.Check != nil {
		if err := in.Hooks.Check(dir, m); err != nil {
			return nil, relabel(err, dir, shown)
		}
	}
	return m, nil
}

// relabeled is an error whose text names the module's source instead of
// the staging directory it was checked in; errors.Is and As see the
// original.
type relabeled struct {
	err      error
	from, to string
}

func (e *relabeled) Error() string { return strings.ReplaceAll(e.err.Error(), e.from, e.to) }
func (e *relabeled) Unwrap() error { return e.err }

func relabel(err error, dir, shown string) error {
	if !strings.Contains(err.Error(), dir) {
		return err
	}
	return &relabeled{err: err, from: dir, to: shown}
}
