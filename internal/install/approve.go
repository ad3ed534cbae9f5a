package install

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"

	"github.com/corets/corets-wasm/manifest"
)

// approve decides whether rec may replace the installed version of its
// code: it may when there is none, or when it comes from the same source
// and signer and asks for nothing more, or when opt.Yes or Hooks.Approve
// says so. Another source is another author as far as the installer can
// tell: the code is only a name, which any module can claim.
func (in *Installer) approve(ctx context.Context, rec record, opt Options) error {
	old, _, ok, err := in.record(rec.Code)
	if err != nil {
		return err
	}
	if !ok {
		// no readable record: compare with the manifest of what is in
		// place, if anything is; where it came from is unknown
		m, err := manifest.Load(filepath.Join(in.modulesDir(), rec.Code), manifest.Options{Capabilities: in.Capabilities})
		if err != nil {
			return nil
		}
		old = record{Code: m.Code, Version: m.Version, grants: grantsOf(m)}
	} else if old.Origin == "" {
		old.Origin = sourceOrigin(old.Source) // a record from before origins
	}
	c := Change{Code: rec.Code, Name: rec.Name, FromVersion: old.Version, ToVersion: rec.Version, Source: rec.Source,
		FromSource: old.Origin, ToSource: rec.Origin, SourceChanged: old.Origin != rec.Origin,
		FromSigner: old.Signer, ToSigner: rec.Signer, SignerChanged: old.Signer != "" && old.Signer != rec.Signer}
	if old.Signed && old.Signer == "" && !rec.Signed {
		// a record from before signers: verified once, not now
		c.FromSigner, c.SignerChanged = "(not recorded)", true
	}
	compareGrants(&c, old.grants, rec.grants, in.Defaults)
	if !c.NeedsApproval() || opt.Yes {
		return nil
	}
	if in.Hooks.Approve != nil {
		yes, err := in.Hooks.Approve(ctx, c)
		if err != nil {
			return fmt.Errorf("approving the update: %w", err)
		}
		if yes {
			return nil
		}
	}
	return &NeedsApprovalError{Change: c}
}

// NeedsApprovalError is an update refused because it needs approval (it
// asks for more, comes from another source or another signer) and nobody
// approved it. errors.Is(err, ErrNeedsApproval) holds; the CLI can
// show Change and retry with Options.Yes.
type NeedsApprovalError struct {
	Change Change
}

func (e *NeedsApprovalError) Error() string {
	return ErrNeedsApproval.Error() + ": " + e.Change.String()
}

// Is makes errors.Is(err, ErrNeedsApproval) true.
func (e *NeedsApprovalError) Is(target error) bool { return target == ErrNeedsApproval }

// KeyID names an ed25519 public key in records and messages: "ed25519:"
// and the first 8 bytes of its SHA-256 in hex; "" for no key.
func KeyID(key ed25519.PublicKey) string {
	if key == nil {
		return ""
	}
	sum := sha256.Sum256(key)
	return "ed25519:" + hex.EncodeToString(sum[:8])
}
