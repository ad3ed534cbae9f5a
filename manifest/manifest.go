package manifest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// Path is where a module keeps its manifest, relative to the module
// directory, in slash form.
const Path = ".core/view.yml"

// MaxFileSize is the largest manifest accepted, in bytes. It also bounds the
// work any YAML trickery can cause.
const MaxFileSize = 64 << 10

// Runtimes a manifest may name.
const (
	RuntimeTypeScript = "typescript" // the default: main is TypeScript or JavaScript, bundled by esbuild
	RuntimeWasm       = "wasm"       // main is a .wasm module
)

// Manifest is a parsed, validated .core/view.yml.
type Manifest struct {
	Code    string // the module's identity; see ValidCode
	Name    string
	Version string
	// Main is the entry file as a clean slash path relative to the module
	// directory (a leading "./" is dropped); "" when not given, in which case
	// the loader picks its default.
	Main string
	// Runtime is RuntimeTypeScript (also when the key is absent) or RuntimeWasm.
	Runtime     string
	Permissions Permissions
	Limits      Limits
	Bundle      Bundle // how a TypeScript module is bundled
	Sign        string // base64 ed25519 signature, "" if unsigned
	File        string // path the manifest was read from ("" when missing and allowed)
	// Lines maps key paths to their 1-based line, so that upper layers can
	// point at the line that grants (or would grant) something. Key paths are
	// "code", "permissions", "permissions.read", "permissions.read[0]"
	// (list indexes are 0-based), "limits.memory" and so on; only keys present
	// in the file appear.
	Lines map[string]int
}

// Pos returns "file:line" for a key path, or just the file when the key is
// not in the manifest (the file is Path when File is empty).
func (m *Manifest) Pos(key string) string {
	file := Path
	if m == nil {
		return file
	}
	if m.File != "" {
		file = m.File
	}
	if line := m.Lines[key]; line > 0 {
		return file + ":" + strconv.Itoa(line)
	}
	return file
}

// Permissions are what a manifest asks to be granted. An empty or missing
// list grants nothing. The entries are only checked to be non-empty strings
// without control characters (and env entries to be variable names that load no code, see RefusedEnv); what
// they mean is for package caps to decide.
type Permissions struct {
	Read  []string // read: paths under the app root
	Write []string // write: paths under the app root
	Net   []string // net: network targets
	Run   []string // run: program names
	Store []string // store: shared store groups
	Env   []string // env: names of environment variables a granted program may receive
	// Extra holds the lists of embedder-defined capabilities (see
	// Options.Capabilities), keyed by name; a key is present when the
	// manifest has it, nil when no extra capability appears.
	Extra map[string][]string
}

// builtinPermissions are the keys under permissions every manifest may use.
var builtinPermissions = []string{"read", "write", "net", "run", "store", "env"}

// List returns the list for a permission name, built-in or extra.
func (p Permissions) List(name string) []string {
	if l := p.slot(name); l != nil {
		return *l
	}
	return p.Extra[name]
}

// slot returns the field for a built-in permission name, nil for others.
func (p *Permissions) slot(name string) *[]string {
	switch name {
	case "read":
		return &p.Read
	case "write":
		return &p.Write
	case "net":
		return &p.Net
	case "run":
		return &p.Run
	case "store":
		return &p.Store
	case "env":
		return &p.Env
	}
	return nil
}

// MaxPermissionEntries is the most entries one permission list may have.
const MaxPermissionEntries = 256

// Options change how a manifest is read.
type Options struct {
	// AllowMissing makes Load return an empty Manifest (Code "", granting
	// nothing) for a module directory without a manifest, instead of an
	// error wrapping ErrNotFound.
	AllowMissing bool
	// Capabilities are extra keys allowed under permissions: the names of
	// the embedder's own capabilities. Their lists land in
	// Permissions.Extra. A name is a lowercase letter followed by up to 63
	// lowercase letters, digits, '-' or '_', and may not be a built-in one.
	Capabilities []string
}

func (o Options) validate() error {
	for _, c := range o.Capabilities {
		if err := validCapability(c); err != nil {
			return fmt.Errorf("manifest: Options.Capabilities: %w", err)
		}
	}
	return nil
}

func validCapability(c string) error {
	if slices.Contains(builtinPermissions, c) {
		return fmt.Errorf("%q is a built-in permission", c)
	}
	if len(c) == 0 || len(c) > 64 || c[0] < 'a' || c[0] > 'z' {
		return fmt.Errorf("%q is not a valid capability name (a lowercase letter, then up to 63 lowercase letters, digits, '-' or '_')", c)
	}
	for i := 0; i < len(c); i++ {
		if !codeByte(c[i]) {
			return fmt.Errorf("%q is not a valid capability name (a lowercase letter, then up to 63 lowercase letters, digits, '-' or '_')", c)
		}
	}
	return nil
}

// Load reads and parses dir/.core/view.yml.
//
// The manifest must be a regular file: a symbolic link (for the file or for
// .core), a device or a pipe is refused, and so is a file larger than
// MaxFileSize, before it is read. A missing manifest is an error wrapping
// ErrNotFound, or an empty Manifest with Options.AllowMissing; a missing or
// unreadable dir is an error either way. Problems with the manifest's
// contents come back as an ErrorList.
func Load(dir string, opt Options) (*Manifest, error) {
	if err := opt.validate(); err != nil {
		return nil, err
	}
	file, data, _, err := readManifest(dir)
	if errors.Is(err, ErrNotFound) && opt.AllowMissing {
		return &Manifest{Runtime: RuntimeTypeScript, Lines: map[string]int{}}, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(file, data, opt)
}

// Parse parses and validates a manifest's bytes; file is the name used in
// errors and stored in Manifest.File. The error, if any, is an ErrorList
// holding every problem found (or a plain error for invalid Options).
func Parse(file string, data []byte, opt Options) (*Manifest, error) {
	if err := opt.validate(); err != nil {
		return nil, err
	}
	m, errs := parse(file, data, opt, false)
	if len(errs) > 0 {
		return nil, errs
	}
	return m, nil
}

// readManifest reads dir's manifest through an os.Root, so nothing outside
// dir is ever opened. It returns the manifest's path for messages and its
// permission bits.
func readManifest(dir string) (file string, data []byte, perm fs.FileMode, err error) {
	file = filepath.Join(dir, filepath.FromSlash(Path))
	data, perm, err = readManifestFile(dir, file)
	return file, data, perm, err
}

func readManifestFile(dir, file string) ([]byte, fs.FileMode, error) {
	refuse := func(msg string) ([]byte, fs.FileMode, error) {
		return nil, 0, ErrorList{{File: file, Msg: msg}}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, 0, fmt.Errorf("module directory: %w", err)
	}
	defer root.Close()

	name := filepath.FromSlash(Path)
	fi, err := root.Lstat(filepath.Dir(name))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, 0, fmt.Errorf("%s: %w", file, ErrNotFound)
	case err != nil:
		return nil, 0, err
	case fi.Mode()&fs.ModeSymlink != 0:
		return refuse(".core is a symbolic link; it must be a directory inside the module")
	case !fi.IsDir():
		return refuse(".core is not a directory")
	}

	fi, err = root.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, 0, fmt.Errorf("%s: %w", file, ErrNotFound)
	case err != nil:
		return nil, 0, err
	case fi.Mode()&fs.ModeSymlink != 0:
		return refuse("is a symbolic link; the manifest must be a regular file")
	case !fi.Mode().IsRegular():
		return refuse("is not a regular file")
	case fi.Size() > MaxFileSize:
		return refuse(fmt.Sprintf("is %d bytes; a manifest may be at most %d bytes", fi.Size(), MaxFileSize))
	}

	f, err := root.Open(name)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	// The file may have been replaced or grown since Lstat: check again on
	// the open handle and never read more than the cap.
	st, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if !st.Mode().IsRegular() {
		return refuse("is not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, 0, err
	}
	if len(data) > MaxFileSize {
		return refuse(fmt.Sprintf("is larger than %d bytes, the most a manifest may be", MaxFileSize))
	}
	return data, st.Mode().Perm(), nil
}

// Validate checks the values of m against the rules Parse applies (code,
// runtime and main, permission entries, limit ranges, sign), for manifests
// built in code rather than read from a file. Errors point at m.Lines where
// known.
func (m *Manifest) Validate(opt Options) error {
	if err := opt.validate(); err != nil {
		return err
	}
	var errs ErrorList
	add := func(key, msg string) {
		errs = append(errs, &Error{File: m.File, Line: m.Lines[key], Key: key, Msg: msg})
	}
	if err := ValidCode(m.Code); err != nil {
		add("code", err.Error())
	}
	for _, f := range []struct{ key, v string }{{"name", m.Name}, {"version", m.Version}} {
		if msg := checkText(f.v); msg != "" {
			add(f.key, msg)
		}
	}
	if m.Main != "" {
		if clean, msg := checkMain(m.Main); msg != "" {
			add("main", msg)
		} else if clean != m.Main {
			add("main", fmt.Sprintf("%q is not in clean form (%q)", m.Main, clean))
		}
	}
	if m.Runtime != RuntimeTypeScript && m.Runtime != RuntimeWasm {
		add("runtime", fmt.Sprintf("%q is not a runtime; use %q or %q", m.Runtime, RuntimeTypeScript, RuntimeWasm))
	} else if key, msg := checkRuntimeMain(m.Runtime, m.Main); msg != "" {
		add(key, msg)
	}
	p := &m.Permissions
	check := func(name string, list []string) {
		key := "permissions." + name
		if len(list) > MaxPermissionEntries {
			add(key, fmt.Sprintf("has %d entries; at most %d are allowed", len(list), MaxPermissionEntries))
		}
		for i, s := range list {
			if msg := checkEntry(name, s); msg != "" {
				add(fmt.Sprintf("%s[%d]", key, i), msg)
			}
		}
	}
	for _, name := range builtinPermissions {
		check(name, *p.slot(name))
	}
	names := make([]string, 0, len(p.Extra))
	for name := range p.Extra {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		list := p.Extra[name]
		if !slices.Contains(opt.Capabilities, name) {
			add("permissions."+name, "is not a capability this embedder knows")
		}
		check(name, list)
	}
	for _, s := range limitSpecs {
		if v := s.get(m.Limits); v != 0 {
			if msg := s.check(v); msg != "" {
				add("limits."+s.key, msg)
			}
		}
	}
	if m.Runtime == RuntimeWasm && m.Limits.Fuel != 0 {
		add("limits.fuel", wasmFuelMsg)
	}
	if m.Bundle.NodeEnv != "" {
		if msg := checkNodeEnv(m.Bundle.NodeEnv); msg != "" {
			add("bundle.node_env", msg)
		}
	}
	if m.Runtime == RuntimeWasm && m.Bundle != (Bundle{}) {
		add("bundle", wasmBundleMsg)
	}
	if m.Sign != "" {
		if msg := checkSign(m.Sign); msg != "" {
			add("sign", msg)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// MaxCodeLen is the longest module code.
const MaxCodeLen = 64

// ValidCode reports whether code can be a module's identity: 1 to 64
// lowercase ASCII letters, digits, '-' and '_', starting with a letter or a
// digit (codes starting with '_' are reserved for the runtime).
func ValidCode(code string) error {
	const rule = "use 1 to 64 lowercase letters, digits, '-' and '_', starting with a letter or digit"
	switch {
	case code == "":
		return errors.New("must not be empty; " + rule)
	case len(code) > MaxCodeLen:
		return fmt.Errorf("%q is longer than %d characters", truncate(code, MaxCodeLen), MaxCodeLen)
	case code[0] == '_':
		return fmt.Errorf("%q starts with '_', which is reserved for the runtime; %s", code, rule)
	case code[0] == '-':
		return fmt.Errorf("%q starts with '-'; %s", code, rule)
	}
	for i := 0; i < len(code); i++ {
		if !codeByte(code[i]) {
			r := []rune(code[i:])[0]
			return fmt.Errorf("%q contains %q; %s", code, r, rule)
		}
	}
	return nil
}

func codeByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}
