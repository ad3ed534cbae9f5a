package install

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/corets/corets-wasm/manifest"
)

// Change is an update of an installed module that needs approval: it asks
// for more than the installed version was granted (new permission entries
// or higher limits), or it comes from another source, which replaces the
// module with whatever that source's author wrote, or it is not verified
// with the key the installed version was. Options.Yes or
// Hooks.Approve decides whether it goes ahead.
type Change struct {
	Code, Name             string
	FromVersion, ToVersion string
	Source                 string // where the new version comes from, as given to Install
	// FromSource and ToSource are where the installed version and the new
	// one come from, as the installer compares them: directories and
	// archives by absolute path with symbolic links resolved, git
	// repositories by URL without user or password (a local repository
	// as its path). FromSource is "" when the installed version's source
	// was not recorded. SourceChanged reports that they differ; such an
	// update needs approval whatever it asks for.
	FromSource, ToSource string
	SourceChanged        bool
	// FromSigner and ToSigner name the keys (KeyID) the installed version
	// and the new one were verified with at install, "" when they were
	// not verified. SignerChanged reports that the installed version was
	// verified and the new one is not, or with another key; such an update
	// needs approval too. (A first signature is no loss and needs none.)
	FromSigner, ToSigner string
	SignerChanged        bool
	// Added holds what the new version would be granted that the installed
	// one is not, by capability: the new entries of each permission list
	// ("read", "net", an embedder's own capability, ...), and for each
	// raised limit ("limits.memory", ...) one entry such as
	// "128MiB (was 64MiB)". Entries are compared as written: "./data/a" is
	// new even when "./data/" was granted before.
	Added map[string][]string
	// Removed holds the entries the new version no longer asks for, and
	// lowered limits, in the same form. They need no approval.
	Removed map[string][]string
}

// Empty reports whether the change asks for nothing more.
func (c Change) Empty() bool { return len(c.Added) == 0 }

// NeedsApproval reports whether the update needs approval: it asks for
// more, comes from another source, or is not verified with the key the
// installed version was.
func (c Change) NeedsApproval() bool { return !c.Empty() || c.SourceChanged || c.SignerChanged }

// String renders the change for a person deciding on it:
//
//	notes is installed from /src/notes; installing from /tmp/notes replaces it
//	notes 1.0 -> 1.1 asks for more:
//	  + net: api.example.com:443
//	  + run: git
//	  + limits.memory: 128MiB (was 64MiB)
//
// The first line only when the source changed, a line about the signing
// key when that changed, the rest only when it asks for more (or when
// nothing needs approval).
func (c Change) String() string {
	var lines []string
	if c.SourceChanged {
		from := "an unrecorded source"
		if c.FromSource != "" {
			from = c.FromSource
		}
		lines = append(lines, c.Code+" is installed from "+from+"; installing from "+c.ToSource+" replaces it")
	}
	if c.SignerChanged {
		to := "is not verified (no key is configured)"
		if c.ToSigner != "" {
			to = "is verified with key " + c.ToSigner
		}
		lines = append(lines, c.Code+" was verified with key "+c.FromSigner+" at install; the new version "+to)
	}
	if len(lines) > 0 && c.Empty() {
		lines[len(lines)-1] += " (" + versionText(c.FromVersion) + " -> " + versionText(c.ToVersion) + ")"
		return strings.Join(lines, "\n")
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteString(c.Code)
	b.WriteByte(' ')
	b.WriteString(versionText(c.FromVersion))
	b.WriteString(" -> ")
	b.WriteString(versionText(c.ToVersion))
	if c.Empty() {
		b.WriteString(" asks for nothing more")
		return b.String()
	}
	b.WriteString(" asks for more:")
	for _, key := range changeKeys(c.Added) {
		for _, e := range c.Added[key] {
			b.WriteString("\n  + ")
			b.WriteString(key)
			b.WriteString(": ")
			b.WriteString(e)
		}
	}
	return b.String()
}

func versionText(v string) string {
	if v == "" {
		return "(no version)"
	}
	return v
}

// builtinOrder is the order permissions are shown in, before an
// embedder's own capabilities (sorted) and the limits.
var builtinOrder = []string{"read", "write", "net", "run", "store", "env"}

// limitField is one limit as the installer compares and shows it. The keys
// are those of the manifest's limits section.
type limitField struct {
	key    string
	get    func(manifest.Limits) int64
	format func(int64) string
}

func formatCount(n int64) string    { return strconv.FormatInt(n, 10) }
func formatDuration(n int64) string { return time.Duration(n).String() }

var limitFields = []limitField{
	{"memory", func(l manifest.Limits) int64 { return l.Memory }, manifest.FormatSize},
	{"fuel", func(l manifest.Limits) int64 { return l.Fuel }, formatCount},
	{"timeout", func(l manifest.Limits) int64 { return int64(l.Timeout) }, formatDuration},
	{"read_bytes", func(l manifest.Limits) int64 { return l.ReadBytes }, manifest.FormatSize},
	{"write_bytes", func(l manifest.Limits) int64 { return l.WriteBytes }, manifest.FormatSize},
	{"fetch_bytes", func(l manifest.Limits) int64 { return l.FetchBytes }, manifest.FormatSize},
	{"fetch_requests", func(l manifest.Limits) int64 { return int64(l.FetchRequests) }, formatCount},
	{"processes", func(l manifest.Limits) int64 { return int64(l.Processes) }, formatCount},
	{"output_bytes", func(l manifest.Limits) int64 { return l.OutputBytes }, manifest.FormatSize},
	{"store_bytes", func(l manifest.Limits) int64 { return l.StoreBytes }, manifest.FormatSize},
	{"store_keys", func(l manifest.Limits) int64 { return l.StoreKeys }, formatCount},
}

// changeRank orders the keys of Added and Removed.
func changeRank(key string) (int, string) {
	if i := slices.Index(builtinOrder, key); i >= 0 {
		return i, ""
	}
	if lim, ok := strings.CutPrefix(key, "limits."); ok {
		for i, f := range limitFields {
			if f.key == lim {
				return 200 + i, ""
			}
		}
		return 300, key
	}
	return 100, key
}

func changeKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		ra, sa := changeRank(a)
		rb, sb := changeRank(b)
		if ra != rb {
			return ra - rb
		}
		return strings.Compare(sa, sb)
	})
	return keys
}

// grants are what a version of a module is granted: its permission lists
// by name (built-in and the embedder's) and its limits as written in the
// manifest (zero: the default).
type grants struct {
	Permissions map[string][]string `json:"permissions,omitempty"`
	Limits      manifest.Limits     `json:"limits"`
}

func grantsOf(m *manifest.Manifest) grants {
	g := grants{Permissions: map[string][]string{}, Limits: m.Limits}
	for _, name := range builtinOrder {
		if l := m.Permissions.List(name); len(l) > 0 {
			g.Permissions[name] = slices.Clone(l)
		}
	}
	for name, l := range m.Permissions.Extra {
		if len(l) > 0 {
			g.Permissions[name] = slices.Clone(l)
		}
	}
	return g
}

// permissions turns grants back into the manifest's form.
func (g grants) permissions() manifest.Permissions {
	var p manifest.Permissions
	for name, l := range g.Permissions {
		l = slices.Clone(l)
		switch name {
		case "read":
			p.Read = l
		case "write":
			p.Write = l
		case "net":
			p.Net = l
		case "run":
			p.Run = l
		case "store":
			p.Store = l
		case "env":
			p.Env = l
		default:
			if p.Extra == nil {
				p.Extra = map[string][]string{}
			}
			p.Extra[name] = l
		}
	}
	return p
}

// compareGrants fills c.Added and c.Removed with what differs between the
// installed version's grants and the new one's. Limits are compared as
// they take effect: a limit a manifest leaves unset is def's (the
// Installer's Defaults).
func compareGrants(c *Change, old, next grants, def manifest.Limits) {
	c.Added, c.Removed = map[string][]string{}, map[string][]string{}
	names := map[string]bool{}
	for n := range old.Permissions {
		names[n] = true
	}
	for n := range next.Permissions {
		names[n] = true
	}
	for n := range names {
		if l := missingFrom(next.Permissions[n], old.Permissions[n]); len(l) > 0 {
			c.Added[n] = l
		}
		if l := missingFrom(old.Permissions[n], next.Permissions[n]); len(l) > 0 {
			c.Removed[n] = l
		}
	}
	was := old.Limits.Or(def)
	now := next.Limits.Or(def)
	for _, f := range limitFields {
		a, b := f.get(was), f.get(now)
		entry := []string{f.format(b) + " (was " + f.format(a) + ")"}
		switch {
		case b > a:
			c.Added["limits."+f.key] = entry
		case b < a:
			c.Removed["limits."+f.key] = entry
		}
	}
	if len(c.Added) == 0 {
		c.Added = nil
	}
	if len(c.Removed) == 0 {
		c.Removed = nil
	}
}

// missingFrom returns the entries of list that are not in base, each once,
// in list's order.
func missingFrom(list, base []string) []string {
	var out []string
	for _, e := range list {
		if !slices.Contains(base, e) && !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}
