package install

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// Module is an installed module, as recorded in the store's "_modules"
// group.
type Module struct {
	Code, Name, Version string
	// Dir is where the module lives: <app root>/modules/<code>, absolute.
	Dir string
	// Source is where it was installed from, as given to Install (a URL's
	// password replaced by "xxxxx"); Ref is the git branch or tag asked for.
	Source, Ref string
	// Signed is true when the signature was verified at install, which
	// happens whenever the installer has a PublicKey.
	Signed bool
	Time   time.Time // when installed, UTC
	// Permissions and Limits are what the manifest asked for and was
	// granted at install (limits as written: zero means the default); an
	// update is compared with them.
	Permissions manifest.Permissions
	Limits      manifest.Limits
}

// recordGroup is the system group holding one JSON record per installed
// module, keyed by code.
const recordGroup = "_modules"

// record is the stored form of a Module. Dir is not stored: it follows
// from the app root, which may move.
type record struct {
	Code    string    `json:"code"`
	Name    string    `json:"name,omitempty"`
	Version string    `json:"version,omitempty"`
	Source  string    `json:"source"`
	Ref     string    `json:"ref,omitempty"`
	Signed  bool      `json:"signed,omitempty"`
	Time    time.Time `json:"time"`
	// Digest is the sha256 of what was verified at install (digest);
	// every load of the installed module checks it. Contents are the
	// digest's lines (a sha256 per file), kept to say what changed.
	Digest   string   `json:"digest,omitempty"`
	Contents []string `json:"contents,omitempty"`
	grants
	// Origin is Source as updates are compared with it (sourceOrigin);
	// records written before it existed have none. Signer is the KeyID of
	// the key the module was verified with, "" when it was not.
	Origin string `json:"origin,omitempty"`
	Signer string `json:"signer,omitempty"`
	// Blobs names the listing of the module's files in the store's
	// "_blobs" group, written by an installer with Shared set (shared.go);
	// nil otherwise.
	Blobs *blobRef `json:"blobs,omitempty"`
}

func (in *Installer) module(rec record) Module {
	return Module{
		Code: rec.Code, Name: rec.Name, Version: rec.Version,
		Dir:    filepath.Join(in.modulesDir(), rec.Code),
		Source: rec.Source, Ref: rec.Ref, Signed: rec.Signed, Time: rec.Time,
		Permissions: rec.grants.permissions(), Limits: rec.Limits,
	}
}

// List lists the installed modules, by code. A record that cannot be read
// is listed with its code and directory only (and logged), so the module
// can still be loaded or removed.
func (in *Installer) List() ([]Module, error) {
	sys := in.Store.System()
	var out []Module
	after := ""
	for {
		entries, next, err := sys.List(recordGroup, "", after, 0)
		if err != nil {
			return nil, fmt.Errorf("installed: %w", err)
		}
		for _, e := range entries {
			if manifest.ValidCode(e.Key) != nil {
				continue // not a record this package wrote
			}
			var rec record
			if err := json.Unmarshal(e.Value, &rec); err != nil || rec.Code != e.Key {
				in.logger().Warn("unreadable install record", "module", e.Key, "err", err)
				rec = record{Code: e.Key}
			}
			out = append(out, in.module(rec))
		}
		if next == "" {
			return out, nil
		}
		after = next
	}
}

// record returns the install record of code and its stored bytes; ok is
// false when there is none (raw nil) or it cannot be read (raw set).
func (in *Installer) record(code string) (rec record, raw []byte, ok bool, err error) {
	e, err := in.Store.System().Get(recordGroup, code)
	if errors.Is(err, kv.ErrNotFound) {
		return rec, nil, false, nil
	}
	if err != nil {
		return rec, nil, false, err
	}
	if json.Unmarshal(e.Value, &rec) != nil || rec.Code != code {
		return record{}, e.Value, false, nil
	}
	return rec, e.Value, true, nil
}
