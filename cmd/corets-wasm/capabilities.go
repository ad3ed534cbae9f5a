package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/corets/corets-wasm/manifest"
	"github.com/corets/corets-wasm/modules"
)

// capabilitiesFile is where an app root declares its embedder's
// capabilities for the command line.
const capabilitiesFile = "corets.capabilities.yml"

// maxCapabilitiesFile bounds the file as the manifest is bounded.
const maxCapabilitiesFile = manifest.MaxFileSize

const capabilitiesHelp = `Embedder capabilities: a manifest may grant an embedder's own capability
(permissions.email: [...]) only when it is declared, with --capability NAME
or in the app root's ` + capabilitiesFile + ` (or --capabilities FILE):

  email:                          # permissions.email is then accepted
    grant: "addresses it may mail"  # what an entry means, shown in errors
    pattern: '^[^@]+@[^@]+$'      # every entry must match (RE2, whole entry)
    functions:                    # stubs for run and call
      email.send:
        async: true               # the module gets a promise
        result: {"sent": true}    # what each call returns (default null)
        # error: "quota exceeded" # or: each call fails with this message

An undeclared key stays an error.`

const stubsHelp = `A stub (declared in the file, or --stub NAME[=JSON], whose capability is
NAME up to its first '.') answers core.call(NAME, arg) as the embedder's
function would, only for a module granted its capability, and records each
call as a JSON line on stderr (or in --stub-log FILE):
  {"stub":"email.send","module":"notes","arg":{...},"grants":["*@example.com"]}`

// capFlags are --capability and --capabilities, and for the commands that
// run modules --stub and --stub-log.
type capFlags struct {
	names   listFlag
	file    string
	stubs   listFlag
	stubLog string
	root    *string // the app root whose capabilitiesFile is read; nil for "."
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

func addCapFlags(fs *flag.FlagSet, stubs bool, root *string) *capFlags {
	cf := &capFlags{root: root}
	fs.Var(&cf.names, "capability", "accept the embedder capability `NAME` under permissions (repeatable)")
	fs.StringVar(&cf.file, "capabilities", "", "read the embedder's capabilities from `FILE` (default: "+capabilitiesFile+" in the app root, if there is one)")
	if stubs {
		fs.Var(&cf.stubs, "stub", "answer core.call(`NAME[=JSON]`) with a stub that records each call and returns JSON (default null); its capability is NAME up to the first '.' (repeatable)")
		fs.StringVar(&cf.stubLog, "stub-log", "", "append the stubs' call records to `FILE` instead of stderr")
	}
	return cf
}

// capability is one declared embedder capability.
type capability struct {
	name    string
	grant   string         // what an entry means, "" when not said
	pattern *regexp.Regexp // entries must match; nil for any
	patText string         // the pattern as declared
	where   string         // "file:line" of its declaration, or the flag
	funcs   []stubFunc
}

// stubFunc is a stub host function.
type stubFunc struct {
	name   string
	async  bool
	result json.RawMessage // nil: null
	errMsg string          // non-empty: every call fails with it
}

// capSet is what the flags and the file declare.
type capSet struct {
	caps []*capability // sorted by name
}

// load reads the file (if any) and the flags.
func (cf *capFlags) load() (*capSet, error) {
	s := &capSet{}
	file, explicit := cf.file, cf.file != ""
	if !explicit {
		root := "."
		if cf.root != nil && *cf.root != "" {
			root = *cf.root
		}
		file = filepath.Join(root, capabilitiesFile)
	}
	data, err := manifest.ReadSmallFile(file, maxCapabilitiesFile)
	switch {
	case errors.Is(err, os.ErrNotExist) && !explicit:
	case err != nil:
		return nil, fmt.Errorf("--capabilities: %w", err)
	default:
		if s.caps, err = parseCapabilities(file, data); err != nil {
			return nil, err
		}
	}
	for _, n := range cf.names {
		if err := manifest.ValidCapability(n); err != nil {
			return nil, usagef("--capability: %v", err)
		}
		if s.find(n) == nil {
			s.caps = append(s.caps, &capability{name: n, where: "--capability " + n})
		}
	}
	for _, st := range cf.stubs {
		name, val, hasVal := strings.Cut(st, "=")
		capName, _, _ := strings.Cut(name, ".")
		if err := manifest.ValidCapability(capName); err != nil {
			return nil, usagef("--stub %s: its capability (the name up to the first '.'): %v", name, err)
		}
		f := stubFunc{name: name}
		if hasVal {
			if !json.Valid([]byte(val)) {
				return nil, usagef("--stub %s: the result %q is not valid JSON", name, val)
			}
			f.result = json.RawMessage(val)
		}
		c := s.find(capName)
		if c == nil {
			c = &capability{name: capName, where: "--stub " + name}
			s.caps = append(s.caps, c)
		}
		if i := slices.IndexFunc(c.funcs, func(g stubFunc) bool { return g.name == name }); i >= 0 {
			c.funcs[i] = f // the flag wins over the file
		} else {
			c.funcs = append(c.funcs, f)
		}
	}
	slices.SortFunc(s.caps, func(a, b *capability) int { return strings.Compare(a.name, b.name) })
	for _, c := range s.caps {
		for _, f := range c.funcs {
			if other := s.owner(f.name); other != c {
				return nil, fmt.Errorf("stub %s is declared for both %s and %s", f.name, other.name, c.name)
			}
		}
	}
	return s, nil
}

func (s *capSet) find(name string) *capability {
	for _, c := range s.caps {
		if c.name == name {
			return c
		}
	}
	return nil
}

// owner is the capability that declares the stub name, nil for none.
func (s *capSet) owner(name string) *capability {
	for _, c := range s.caps {
		for _, f := range c.funcs {
			if f.name == name {
				return c
			}
		}
	}
	return nil
}

func (s *capSet) names() []string {
	if s == nil {
		return nil
	}
	out := make([]string, len(s.caps))
	for i, c := range s.caps {
		out[i] = c.name
	}
	return out
}

// options are the manifest options that accept the declared capabilities.
func (s *capSet) options() manifest.Options {
	return manifest.Options{Capabilities: s.names()}
}

// checkManifest refuses entries that do not have their capability's
// declared shape, each at its line in the manifest.
func (s *capSet) checkManifest(m *manifest.Manifest) error {
	if s == nil || m == nil {
		return nil
	}
	var errs manifest.ErrorList
	for _, c := range s.caps {
		if c.pattern == nil {
			continue
		}
		for i, e := range m.Permissions.Extra[c.name] {
			if c.pattern.MatchString(e) {
				continue
			}
			key := fmt.Sprintf("permissions.%s[%d]", c.name, i)
			msg := fmt.Sprintf("%q is not an entry of %s: entries must match %s", e, c.name, c.patText)
			if c.grant != "" {
				msg += " (" + c.grant + ")"
			}
			errs = append(errs, &manifest.Error{File: m.File, Line: m.Lines[key], Key: key, Msg: msg + ", as " + c.where + " declares"})
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// runtimeOptions declares the capabilities to the runtime and installs the
// stubs, which record their calls on log.
func (s *capSet) runtimeOptions(opts *modules.Options, log io.Writer) {
	opts.Capabilities = s.names()
	rec := &stubRecorder{w: log}
	for _, c := range s.caps {
		for _, f := range c.funcs {
			opts.Funcs = append(opts.Funcs, modules.HostFunc{Name: f.name, Capability: c.name, Async: f.async, Fn: rec.stub(f)})
		}
	}
}

// stubRecorder writes a stub's calls as JSON lines, one whole line a write.
type stubRecorder struct {
	mu sync.Mutex
	w  io.Writer
}

func (r *stubRecorder) stub(f stubFunc) func(ctx context.Context, call modules.HostCall, arg json.RawMessage) (any, error) {
	return func(ctx context.Context, call modules.HostCall, arg json.RawMessage) (any, error) {
		if len(arg) == 0 {
			arg = json.RawMessage("null")
		}
		line, err := json.Marshal(struct {
			Stub   string          `json:"stub"`
			Module string          `json:"module"`
			Arg    json.RawMessage `json:"arg"`
			Grants []string        `json:"grants"`
		}{f.name, call.Module, arg, call.Grants})
		if err != nil {
			return nil, err
		}
		r.mu.Lock()
		_, werr := r.w.Write(append(line, '\n'))
		r.mu.Unlock()
		if werr != nil {
			return nil, fmt.Errorf("recording the call: %w", werr)
		}
		if f.errMsg != "" {
			return nil, errors.New(f.errMsg)
		}
		if f.result == nil {
			return nil, nil
		}
		return f.result, nil
	}
}

// apply loads the declared capabilities and gives opts their stubs, which
// record to the stub log; the returned function closes that log.
func (cf *capFlags) apply(c *cli, opts *modules.Options) (*capSet, func(), error) {
	cs, err := cf.load()
	if err != nil {
		return nil, nil, err
	}
	stubLog, closeLog, err := cf.stubLogWriter(c)
	if err != nil {
		return nil, nil, err
	}
	cs.runtimeOptions(opts, stubLog)
	return cs, closeLog, nil
}

// stubLog is where the stubs record their calls: --stub-log, or stderr.
// The returned function closes what it opened.
func (cf *capFlags) stubLogWriter(c *cli) (io.Writer, func(), error) {
	if cf.stubLog == "" {
		return c.stderr, func() {}, nil
	}
	f, err := os.OpenFile(cf.stubLog, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("--stub-log: %w", err)
	}
	return f, func() { f.Close() }, nil
}

var yamlLine = regexp.MustCompile(`^line (\d+): `)

// parseCapabilities reads a capabilities file; every problem is reported
// with its line, as a manifest's are.
func parseCapabilities(file string, data []byte) ([]*capability, error) {
	var errs manifest.ErrorList
	fail := func(n *yaml.Node, key, format string, args ...any) {
		errs = append(errs, &manifest.Error{File: file, Line: n.Line, Column: n.Column, Key: key, Msg: fmt.Sprintf(format, args...)})
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		e := &manifest.Error{File: file, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
		if m := yamlLine.FindStringSubmatch(e.Msg); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			e.Msg = e.Msg[len(m[0]):]
		}
		return nil, manifest.ErrorList{e}
	}
	if len(doc.Content) == 0 {
		return nil, nil // an empty file declares nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, manifest.ErrorList{{File: file, Line: root.Line, Msg: "must be a mapping of capability names to their declarations"}}
	}
	var out []*capability
	seenFunc := map[string]string{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		name := k.Value
		if err := manifest.ValidCapability(name); err != nil || k.Kind != yaml.ScalarNode {
			fail(k, "", "%v", err)
			continue
		}
		if slices.ContainsFunc(out, func(c *capability) bool { return c.name == name }) {
			fail(k, name, "declared twice")
			continue
		}
		c := &capability{name: name, where: fmt.Sprintf("%s:%d", file, k.Line)}
		out = append(out, c)
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			continue
		}
		if v.Kind != yaml.MappingNode {
			fail(v, name, "must be a mapping (grant, pattern, functions) or empty")
			continue
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			fk, fv := v.Content[j], v.Content[j+1]
			key := name + "." + fk.Value
			switch fk.Value {
			case "grant":
				if fv.Kind != yaml.ScalarNode || fv.Tag != "!!str" {
					fail(fv, key, "must be a string")
					continue
				}
				c.grant = fv.Value
			case "pattern":
				if fv.Kind != yaml.ScalarNode || fv.Tag != "!!str" {
					fail(fv, key, "must be a string (a regular expression)")
					continue
				}
				re, err := regexp.Compile(`^(?:` + fv.Value + `)$`)
				if err != nil {
					fail(fv, key, "is not a regular expression: %v", err)
					continue
				}
				c.pattern, c.patText = re, fv.Value
			case "functions":
				if fv.Kind != yaml.MappingNode {
					fail(fv, key, "must be a mapping of function names to their stubs")
					continue
				}
				for n := 0; n+1 < len(fv.Content); n += 2 {
					nk, nv := fv.Content[n], fv.Content[n+1]
					fkey := key + "." + nk.Value
					if nk.Kind != yaml.ScalarNode || nk.Value == "" || strings.ContainsFunc(nk.Value, func(r rune) bool { return r < ' ' || r == 0x7f }) {
						fail(nk, key, "a function name must be a non-empty line of text")
						continue
					}
					if prev, dup := seenFunc[nk.Value]; dup {
						fail(nk, fkey, "declared twice (also under %s)", prev)
						continue
					}
					seenFunc[nk.Value] = name
					f, ok := parseStub(nk.Value, nv, fkey, fail)
					if ok {
						c.funcs = append(c.funcs, f)
					}
				}
			default:
				fail(fk, key, "unknown key %q; valid keys: grant, pattern, functions", fk.Value)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func parseStub(name string, v *yaml.Node, key string, fail func(n *yaml.Node, key, format string, args ...any)) (stubFunc, bool) {
	f := stubFunc{name: name}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return f, true
	}
	if v.Kind != yaml.MappingNode {
		fail(v, key, "must be a mapping (async, result, error) or empty")
		return f, false
	}
	ok := true
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		switch k.Value {
		case "async":
			if val.Kind != yaml.ScalarNode || val.Tag != "!!bool" {
				fail(val, key+".async", "must be true or false")
				ok = false
				continue
			}
			f.async = val.Value == "true"
		case "result":
			var x any
			if err := val.Decode(&x); err != nil {
				fail(val, key+".result", "%v", err)
				ok = false
				continue
			}
			b, err := json.Marshal(x)
			if err != nil {
				fail(val, key+".result", "cannot be JSON: %v", err)
				ok = false
				continue
			}
			f.result = b
		case "error":
			if val.Kind != yaml.ScalarNode || val.Tag != "!!str" || val.Value == "" {
				fail(val, key+".error", "must be a non-empty string")
				ok = false
				continue
			}
			f.errMsg = val.Value
		default:
			fail(k, key+"."+k.Value, "unknown key %q; valid keys: async, result, error", k.Value)
			ok = false
		}
	}
	return f, ok
}

// undeclaredHint adds, to a manifest error about an unknown key under
// permissions, how to declare it as an embedder's capability.
func undeclaredHint(err error) error {
	if err == nil {
		return nil
	}
	if list, ok := err.(manifest.ErrorList); ok {
		out := make(manifest.ErrorList, len(list))
		for i, e := range list {
			out[i] = e
			if m := unknownCapability.FindStringSubmatch(e.Key + ": " + e.Msg); m != nil && manifest.ValidCapability(m[1]) == nil {
				c := *e
				c.Msg += "; " + declareHint(m[1])
				out[i] = &c
			}
		}
		return out
	}
	// wrapped (and relabelled by the installer): hint at the end of each
	// line that names an unknown key
	text := err.Error()
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if m := unknownCapability.FindStringSubmatch(l); m != nil && manifest.ValidCapability(m[1]) == nil {
			lines[i] = l + "; " + declareHint(m[1])
		}
	}
	if t := strings.Join(lines, "\n"); t != text {
		return &hinted{err: err, text: t}
	}
	return err
}

var unknownCapability = regexp.MustCompile(`permissions\.([a-z][a-z0-9_-]*): unknown key "`)

func declareHint(name string) string {
	return fmt.Sprintf("if %q is your embedder's capability, declare it: --capability %s, or in %s", name, name, capabilitiesFile)
}

// hinted is an error whose text has a hint added.
type hinted struct {
	err  error
	text string
}

func (h *hinted) Error() string { return h.text }
func (h *hinted) Unwrap() error { return h.err }
