package install

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/corets/corets-wasm/manifest"
)

// maxRecordedContents bounds the per-file lines an install record keeps to
// say what changed; a larger module keeps its digest only.
const maxRecordedContents = 256 << 10

// digest is the digest of a module directory as signing sees it
// (manifest.Payload: the manifest without its sign line and the sha256 of
// every file), in hex, and the payload's lines when they are small enough to
// keep. It is computed the same way whether or not a key is configured.
func digest(dir string) (string, []string, error) {
	sum, lines, err := digestLines(dir)
	return sum, keptContents(lines), err
}

// keptContents is lines, or nil when they are too many to keep in a record.
func keptContents(lines []string) []string {
	n := 0
	for _, l := range lines {
		if n += len(l) + 1; n > maxRecordedContents {
			return nil
		}
	}
	return lines
}

func digestLines(dir string) (string, []string, error) {
	payload, err := manifest.Payload(dir)
	if err != nil {
		return "", nil, err
	}
	sum := sha256.Sum256(payload)
	return hex.EncodeToString(sum[:]), strings.Split(strings.TrimSuffix(string(payload), "\n"), "\n"), nil
}

// fileSums maps the paths in a digest's lines to their sha256 in hex.
func fileSums(lines []string) map[string]string {
	m := map[string]string{}
	for _, l := range lines {
		if sum, path, ok := strings.Cut(l, "  "); ok {
			m[path] = sum
		}
	}
	return m
}

// CheckVerified makes sure that what is about to run was made from the
// files Verify verified, not from files changed since: inputs maps each
// file the code was made from to its sha256.
func CheckVerified(code string, verified map[string]string, inputs map[string]string) error {
	for p, sum := range inputs {
		if verified[p] != sum {
			return fmt.Errorf("module %q: %w: %s changed while it was loading; reinstall it (corets-wasm install <source>) or remove it",
				code, ErrInstalledChanged, p)
		}
	}
	return nil
}

// IsInstalledDir reports whether dir is where the module code is installed.
func (in *Installer) IsInstalledDir(dir, code string) bool {
	inst := filepath.Join(in.modulesDir(), code)
	if dir == inst {
		return true
	}
	a, err1 := filepath.EvalSymlinks(dir)
	b, err2 := filepath.EvalSymlinks(inst)
	return err1 == nil && err2 == nil && a == b
}

// Verify re-checks an installed module against the digest recorded
// when it was installed, with or without a public key configured now: a
// module or anyone else that changed its files since is refused. A record
// from before digests were kept gets one now (trust on first load, logged).
//
// It returns the verified files' sha256 by path (nil when the module is not
// installed), which the code that runs must have been made from.
func (in *Installer) Verify(dir, code string) (map[string]string, error) {
	rec, _, ok, err := in.record(code)
	if err != nil {
		return nil, fmt.Errorf("module %q: reading its install record: %w", code, err)
	}
	if !ok {
		return nil, nil // not installed here: loaded like any directory
	}
	sum, lines, err := digestLines(dir)
	if err != nil {
		return nil, fmt.Errorf("module %q: %w", code, err)
	}
	sums := fileSums(lines)
	if rec.Digest == "" {
		rec.Digest, rec.Contents = sum, keptContents(lines)
		if raw, err := json.Marshal(rec); err == nil {
			if _, err := in.Store.System().Set(recordGroup, code, raw); err != nil {
				return nil, fmt.Errorf("module %q: recording its digest: %w", code, err)
			}
		}
		in.logger().Warn("an installed module had no digest; recorded the current files as installed",
			"module", code, "dir", dir)
		return sums, nil
	}
	if sum == rec.Digest {
		return sums, nil
	}
	err = fmt.Errorf("module %q: %w: %s in %s; reinstall it (corets-wasm install <source>) or remove it",
		code, ErrInstalledChanged, describeChanges(rec.Contents, lines), dir)
	in.logger().Warn("refused to load an installed module", "module", code, "err", err)
	return nil, err
}

// describeChanges names the files that differ between two digests' lines
// ("<sha256>  <path>"), a few of each kind.
func describeChanges(was, now []string) string {
	if was == nil || now == nil {
		return "its manifest or files differ from what was verified at install"
	}
	before, after := fileSums(was), fileSums(now)
	var changed, added, removed []string
	for p, s := range after {
		switch old, ok := before[p]; {
		case !ok:
			added = append(added, p)
		case old != s:
			changed = append(changed, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			removed = append(removed, p)
		}
	}
	var parts []string
	for _, k := range []struct {
		what  string
		paths []string
	}{{"changed", changed}, {"added", added}, {"removed", removed}} {
		if len(k.paths) == 0 {
			continue
		}
		slices.Sort(k.paths)
		more := ""
		if len(k.paths) > 5 {
			more = fmt.Sprintf(" and %d more", len(k.paths)-5)
			k.paths = k.paths[:5]
		}
		parts = append(parts, k.what+" "+strings.Join(k.paths, ", ")+more)
	}
	if len(parts) == 0 {
		return "its manifest or files differ from what was verified at install"
	}
	return strings.Join(parts, "; ")
}
