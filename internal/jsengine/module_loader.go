package jsengine

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The module loader: the host supplies every module an instance may import
// (Bundle.Modules and each loaded bundle itself), and only those load.
// Nothing is read from disk or network.
//
// QuickJS asks through the bridge's "module" import (bridge.c:
// resolve_import, load_import):
//
//   - MOD_RESOLVE: the importing module's (or script's) name and a
//     specifier; the answer is a module name, or ERR_MODULE_NOT_FOUND;
//   - MOD_SOURCE: the module's import.meta.url and its bytecode from the
//     engine's cache, or its source;
//   - MOD_STORE: the bytecode of the source just given, for the cache.
//
// QuickJS keeps every module it loaded under its name, so a module is
// compiled (or read from the cache) at most once per instance, and an
// import of a loaded name never asks for its source again.
//
// Resolution, of specifier s imported by the module or script named base:
//
//   - "./x.js", "../x.js": relative to base's directory, as a relative URL
//     path; a ".." above the root fails ("../../etc/passwd" from "main.js");
//   - "/x.js": from the root ("x.js");
//   - a bare "x.js" or "lib/x.js": the name itself, from the root (the map
//     is the import map: an embedder may supply "lodash" by that name);
//   - anything with a URL scheme ("file:///x.js", "node:fs",
//     "https://..."): refused.
//
// Nothing is decoded: "a%20b.js" is the name "a%20b.js". A name that
// resolves to no supplied module fails with ERR_MODULE_NOT_FOUND, its
// message naming the specifier and the importer.
const (
	modResolve = 0
	modSource  = 1
	modStore   = 2
)

// maxSpecifierShown bounds a specifier quoted in an error message.
const maxSpecifierShown = 200

// moduleSource is one module an instance may import.
type moduleSource struct {
	src, url string
	extra    bool // from Bundle.Modules (counted in moduleSet.bytes)
}

// moduleSet is what an instance may import: every Load's Modules and
// bundle, owned by the holder of the lock.
type moduleSet struct {
	mods  map[string]moduleSource
	bytes int // names and sources of Bundle.Modules entries
	// pending is the module whose source was just given to the guest: the
	// bytecode it sends back (MOD_STORE) is cached under its name and
	// source, once.
	pending string
}

var urlScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// checkModuleName says what is wrong with a name of Bundle.Modules, "" if
// nothing: names are clean slash paths from the bundle's root.
func checkModuleName(name string) string {
	switch {
	case name == "":
		return "is empty"
	case strings.IndexByte(name, 0) >= 0:
		return "holds a NUL"
	case !utf8.ValidString(name):
		return "is not UTF-8"
	case strings.HasPrefix(name, "/"):
		return "starts with a slash (names are relative to the bundle's root)"
	case urlScheme.MatchString(name):
		return "starts with a URL scheme (names are slash paths)"
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "has an empty, \".\" or \"..\" segment (names are clean slash paths)"
		}
	}
	return ""
}

// addModules makes b's Modules, and b itself under its Name, importable.
// A later Load extends what earlier ones supplied; a name supplied again
// gives its new source to a later first import, while a module already
// imported stays the one QuickJS evaluated. Nothing changes when b is
// refused.
//
// The sources of Modules are bounded in total by the instance's memory
// limit: they are kept for the instance's life, and each is copied into the
// instance's memory and compiled there when imported, QuickJS keeping the
// text with its functions; more than the limit could never all be imported,
// so a map that large is an embedder's mistake, told at Load rather than as
// an out-of-memory at some import.
func (in *Instance) addModules(b Bundle) error {
	s := &in.modules
	bytes := s.bytes
	for name, src := range b.Modules {
		if why := checkModuleName(name); why != "" {
			return fmt.Errorf("module %q: Bundle.Modules: name %q %s", in.cfg.Name, name, why)
		}
		if name == b.Name {
			return fmt.Errorf("module %q: Bundle.Modules holds %q, the bundle's own name (its Code is that module)", in.cfg.Name, name)
		}
		if old, ok := s.mods[name]; ok && old.extra {
			bytes -= len(name) + len(old.src)
		}
		bytes += len(name) + len(src)
	}
	if uint64(bytes) > in.cfg.MemoryLimit {
		return fmt.Errorf("module %q: Bundle.Modules holds %d bytes of names and source, more than the instance's memory limit (%d bytes)",
			in.cfg.Name, bytes, in.cfg.MemoryLimit)
	}
	if s.mods == nil {
		s.mods = make(map[string]moduleSource, len(b.Modules)+1)
	}
	for name, src := range b.Modules {
		s.mods[name] = moduleSource{src: src, url: moduleURLOf(b, name), extra: true}
	}
	if b.Name != "" && strings.IndexByte(b.Name, 0) < 0 {
		u := b.URL
		if u == "" {
			u = ModuleURL(b.Name)
		}
		s.mods[b.Name] = moduleSource{src: b.Code, url: u}
	}
	s.bytes = bytes
	return nil
}

// moduleURLOf is the import.meta.url of module name of bundle b: b's URL
// scheme (and host) with the name as its path, a file: URL under the root
// when b has no URL.
func moduleURLOf(b Bundle, name string) string {
	u, err := url.Parse(b.URL)
	if b.URL == "" || err != nil || u.Scheme == "" {
		return ModuleURL(name)
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/" + name}).String()
}

// resolveSpecifier resolves spec imported by base (see above); ok is false
// when spec has a scheme or leaves the root, why saying which.
func resolveSpecifier(base, spec string) (name, why string) {
	var p string
	switch {
	case spec == "":
		return "", "an empty specifier"
	case urlScheme.MatchString(spec):
		return "", "URLs are not imported"
	case strings.HasPrefix(spec, "//"):
		return "", "URLs are not imported"
	case strings.HasPrefix(spec, "/"):
		p = spec[1:]
	case spec == "." || spec == ".." || strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../"):
		dir := ""
		if i := strings.LastIndexByte(base, '/'); i >= 0 {
			dir = base[:i+1]
		}
		p = dir + spec
	default:
		p = spec
	}
	segs := strings.Split(p, "/")
	out := segs[:0]
	for _, seg := range segs {
		switch seg {
		case ".":
		case "..":
			if len(out) == 0 {
				return "", "it leaves the bundle's root"
			}
			out = out[:len(out)-1]
		default:
			out = append(out, seg)
		}
	}
	return strings.Join(out, "/"), ""
}

// resolve answers MOD_RESOLVE: "base\x00specifier".
func (in *Instance) resolveModule(arg []byte) (int32, []byte) {
	base, spec, ok := strings.Cut(string(arg), "\x00")
	if !ok {
		return hcError, []byte("Error\nmodule loader: malformed request")
	}
	name, why := resolveSpecifier(base, spec)
	if why == "" {
		if _, found := in.modules.mods[name]; found {
			return hcString, []byte(name)
		}
		why = "the host supplied no module of that name; nothing is read from disk or network"
	}
	shown := spec
	if len(shown) > maxSpecifierShown {
		shown = strings.ToValidUTF8(shown[:maxSpecifierShown], "") + "..."
	}
	if len(base) > maxSpecifierShown {
		base = strings.ToValidUTF8(base[:maxSpecifierShown], "") + "..."
	}
	return hcError, []byte(fmt.Sprintf("Error\nCannot find module '%s' imported from '%s': %s", shown, base, why))
}

// sourceModule answers MOD_SOURCE: name -> "url\x00" and bytecode from the
// engine's cache (hcBytes) or the source (hcString).
func (in *Instance) sourceModule(arg []byte) (int32, []byte) {
	s := &in.modules
	s.pending = ""
	m, ok := s.mods[string(arg)]
	if !ok {
		return hcError, []byte("Error\nmodule loader: no module of that name was supplied")
	}
	name := string(arg)
	key := moduleKeyPrefix + name
	if bc := in.e.cachedBytecode(scriptDigest(key, m.src), key, m.src); bc != nil {
		data := make([]byte, 0, len(m.url)+1+len(bc))
		return hcBytes, append(append(append(data, m.url...), 0), bc...)
	}
	s.pending = name
	data := make([]byte, 0, len(m.url)+1+len(m.src))
	return hcString, append(append(append(data, m.url...), 0), m.src...)
}

// storeModule answers MOD_STORE: the bytecode of the module whose source
// was just given, compiled by the guest as the main bundle's is.
func (in *Instance) storeModule(arg []byte) (int32, []byte) {
	s := &in.modules
	name := s.pending
	s.pending = ""
	if m, ok := s.mods[name]; ok && name != "" && len(arg) > 0 {
		key := moduleKeyPrefix + name
		in.e.storeBytecode(scriptDigest(key, m.src), key, m.src, append([]byte(nil), arg...))
	}
	return hcUndefined, nil
}

// onModule is the bridge's "module" import: the guest's pointers are
// checked as a host call's are, and the reply is given as a host call's.
func (in *Instance) onModule(op int32, ptr, n uint32) int64 {
	var kind int32
	var data []byte
	arg, ok := in.mod.Memory().Read(ptr, n)
	switch {
	case !ok:
		kind, data = hcError, []byte("Error\nhost call argument out of bounds")
	case op == modResolve:
		kind, data = in.resolveModule(arg)
	case op == modSource:
		kind, data = in.sourceModule(arg)
	case op == modStore:
		kind, data = in.storeModule(arg)
	default:
		kind, data = hcError, []byte(fmt.Sprintf("Error\nmodule loader: no operation %d", op))
	}
	if len(data) <= scratchCap {
		in.mod.Memory().Write(in.scratch, data)
		in.take = nil
	} else {
		in.take = data
	}
	return int64(kind)<<32 | int64(uint32(len(data)))
}
