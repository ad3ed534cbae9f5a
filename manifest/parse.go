package manifest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// topKeys are the keys a manifest may have, in the order they are listed
// in messages.
var topKeys = []string{"code", "name", "version", "main", "runtime", "permissions", "limits", "bundle", "sign"}

// maxErrors bounds an ErrorList; a hostile file cannot make it grow further.
const maxErrors = 50

// maxEntryLen bounds one permission entry.
const maxEntryLen = 4096

// parser collects the manifest and every problem found on the way.
type parser struct {
	file string
	opt  Options
	// anyCaps accepts any key under permissions (into Extra): signing uses
	// it, since it must work without knowing the embedder's capabilities.
	anyCaps bool
	errs    ErrorList
	m       *Manifest

	data      []byte
	starts    []int         // lineStarts(data)
	lineRunes map[int][]int // line -> byte offset of each character, for lines with a '!'
}

// parse reads a manifest; the result is only meaningful when no errors
// come back.
func parse(file string, data []byte, opt Options, anyCaps bool) (*Manifest, ErrorList) {
	p := &parser{
		file:    file,
		opt:     opt,
		anyCaps: anyCaps,
		m:       &Manifest{Runtime: RuntimeTypeScript, File: file, Lines: map[string]int{}},
	}
	root, ok := p.decode(data)
	if !ok {
		return nil, p.errs
	}
	if root != nil {
		p.scan(root, nil)
		if len(p.errs) > 0 {
			// The tree uses YAML features a manifest must not: say so
			// and nothing else, rather than a cascade of type errors.
			p.sort()
			return nil, p.errs
		}
	}
	p.top(root)
	if len(p.errs) > 0 {
		p.sort()
		return nil, p.errs
	}
	return p.m, nil
}

// sort puts the errors in file order; the "too many errors" note, if any,
// stays last.
func (p *parser) sort() {
	errs := p.errs
	if len(errs) > maxErrors {
		errs = errs[:maxErrors]
	}
	slices.SortStableFunc(errs, func(a, b *Error) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
}

func (p *parser) fail(n *yaml.Node, key, msg string) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	p.failAt(line, col, key, msg)
}

func (p *parser) failf(n *yaml.Node, key, format string, args ...any) {
	p.fail(n, key, fmt.Sprintf(format, args...))
}

func (p *parser) failAt(line, col int, key, msg string) {
	switch {
	case len(p.errs) > maxErrors:
		return
	case len(p.errs) == maxErrors:
		key, msg = "", "too many errors; stopping here"
	}
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Column: col, Key: key, Msg: msg})
}

func (p *parser) full() bool { return len(p.errs) > maxErrors }

// yamlLine picks the line out of the YAML library's messages.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// decode parses data as exactly one YAML document and returns its root
// node: nil for an empty document. ok is false after a problem.
func (p *parser) decode(data []byte) (root *yaml.Node, ok bool) {
	if len(data) > MaxFileSize {
		p.failAt(0, 0, "", fmt.Sprintf("is %d bytes; a manifest may be at most %d bytes", len(data), MaxFileSize))
		return nil, false
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			i += size
		}
		line, col := position(data, i)
		p.failAt(line, col, "", "is not UTF-8 text")
		return nil, false
	}
	p.data, p.starts = data, lineStarts(data)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := decodeNode(dec, &doc); err == io.EOF {
		return nil, true
	} else if err != nil {
		p.yamlError(data, err)
		return nil, false
	}
	var next yaml.Node
	if err := decodeNode(dec, &next); err != io.EOF {
		if err != nil {
			p.yamlError(data, err)
		} else {
			p.fail(&next, "", `a manifest is a single YAML document; remove the "---" separator and what follows`)
		}
		return nil, false
	}
	if len(doc.Content) == 0 {
		return nil, true
	}
	return doc.Content[0], true
}

// decodeNode is yaml's Decode, made panic-proof: the library is not ours,
// and a manifest may come from anyone.
func decodeNode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: the parser failed: %v", r)
		}
	}()
	return dec.Decode(n)
}

// parserProblems are the messages of the YAML library's parser (as opposed
// to its scanner). It reports their 0-based line where it reports the
// scanner's 1-based one.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// readerProblems are the YAML library's complaints about the bytes, which
// carry no line.
var readerProblems = []string{"control characters", "invalid", "incomplete", "expected low surrogate", "unexpected low surrogate", "input error"}

// yamlError turns a YAML library error into an Error with the best line
// the message allows.
func (p *parser) yamlError(data []byte, err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	switch {
	case parserProblems[msg]:
		line++
	case strings.HasPrefix(msg, "unknown anchor"):
		p.failAt(0, 0, "", "aliases are not allowed in a manifest (and this one names no anchor): "+msg)
		return
	case msg == "control characters are not allowed":
		if i := badControl(data); i >= 0 {
			l, c := position(data, i)
			p.failAt(l, c, "", fmt.Sprintf("control character %q; a manifest is text", []rune(string(data[i:]))[0]))
			return
		}
	case line == 0 && !slices.ContainsFunc(readerProblems, func(s string) bool { return strings.HasPrefix(msg, s) }):
		// A scanner error on the first line: the library leaves out
		// line numbers equal to zero.
		line = 1
	}
	p.failAt(line, 0, "", "invalid YAML: "+msg)
}

// badControl returns the offset of the first character YAML refuses in a
// stream, or -1.
func badControl(data []byte) int {
	for i, r := range string(data) {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		case r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0xfffe || r == 0xffff:
			return i
		}
	}
	return -1
}

// position turns a byte offset into a 1-based line and column; columns
// count characters, as the YAML library's do.
func position(data []byte, off int) (line, col int) {
	starts := lineStarts(data)
	line = 1
	for line < len(starts) && starts[line] <= off {
		line++
	}
	return line, utf8.RuneCount(data[starts[line-1]:off]) + 1
}

// startsWithBang reports whether n's source text starts with '!': a tag.
// The YAML library drops the non-specific tag "!" without a trace in the
// node, so the text is the only place to see it.
func (p *parser) startsWithBang(n *yaml.Node) bool {
	if n.Line < 1 || n.Line > len(p.starts) || n.Column < 1 {
		return false
	}
	start, end := p.starts[n.Line-1], len(p.data)
	if n.Line < len(p.starts) {
		end = p.starts[n.Line]
	}
	line := p.data[start:end]
	if bytes.IndexByte(line, '!') < 0 {
		return false
	}
	offs, ok := p.lineRunes[n.Line]
	if !ok {
		for i := range string(line) {
			offs = append(offs, i)
		}
		if p.lineRunes == nil {
			p.lineRunes = map[int][]int{}
		}
		p.lineRunes[n.Line] = offs
	}
	return n.Column <= len(offs) && line[offs[n.Column-1]] == '!'
}

// keyPath is the path to a node, built only when an error needs it: paths
// of deeply nested nodes would otherwise cost quadratic memory.
type keyPath struct {
	parent *keyPath
	key    string
	index  int // when key is ""
}

func (k *keyPath) String() string {
	var parts []string
	for ; k != nil; k = k.parent {
		if k.key != "" {
			parts = append(parts, "."+truncate(k.key, 64))
		} else {
			parts = append(parts, "["+strconv.Itoa(k.index)+"]")
		}
	}
	slices.Reverse(parts)
	s := strings.TrimPrefix(strings.Join(parts, ""), ".")
	if len(s) > 200 {
		s = "..." + s[len(s)-200:]
	}
	return s
}

// scan refuses the YAML features a manifest must not use, anywhere in the
// tree. Aliases are refused rather than expanded, which is what keeps an
// alias bomb ("billion laughs") harmless.
func (p *parser) scan(n *yaml.Node, at *keyPath) {
	if p.full() {
		return
	}
	if n.Anchor != "" {
		p.failf(n, at.String(), "anchors (&%s) are not allowed in a manifest; write the value out", truncate(n.Anchor, 64))
	}
	if n.Kind == yaml.AliasNode {
		p.failf(n, at.String(), "aliases (*%s) are not allowed in a manifest; write the value out", truncate(n.Value, 64))
		return
	}
	if n.Style&yaml.TaggedStyle != 0 {
		p.failf(n, at.String(), "tags (%s) are not allowed in a manifest; quote a value to make it a string", truncate(n.Tag, 64))
	} else if n.Kind != yaml.DocumentNode && p.startsWithBang(n) {
		p.fail(n, at.String(), "tags (!) are not allowed in a manifest; quote a value to make it a string")
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
				p.fail(k, at.String(), "merge keys (<<) are not allowed in a manifest; write the keys out")
			}
			p.scan(k, at)
			p.scan(v, &keyPath{parent: at, key: k.Value})
		}
	default:
		for i, c := range n.Content {
			p.scan(c, &keyPath{parent: at, index: i})
		}
	}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "single value"
	}
	return "YAML node"
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// mapping walks the pairs of a mapping node, refusing non-scalar, duplicate
// and unknown keys, and records each accepted key's line. open accepts
// unknown keys too.
func (p *parser) mapping(n *yaml.Node, prefix string, valid []string, open bool, each func(key, path string, k, v *yaml.Node)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content) && !p.full(); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.failf(k, prefix, "a key must be a plain word, not a %s", kindName(k))
			continue
		}
		key := k.Value
		path := join(prefix, truncate(key, 64))
		if line, dup := seen[key]; dup {
			p.failf(k, path, "duplicate key (first at line %d)", line)
			continue
		}
		seen[key] = k.Line
		if !slices.Contains(valid, key) && !open {
			msg := fmt.Sprintf("unknown key %q", truncate(key, 64))
			if s := suggest(key, valid); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			msg += p.placeHint(prefix, key)
			where := "in a manifest"
			if prefix != "" {
				where = "under " + prefix
			}
			p.fail(k, path, msg+"; valid keys "+where+": "+strings.Join(valid, ", "))
			continue
		}
		p.m.Lines[path] = k.Line
		each(key, path, k, v)
	}
}

// placeHint explains a key that is valid, but elsewhere: usually a matter
// of indentation.
func (p *parser) placeHint(prefix, key string) string {
	switch {
	case prefix != "permissions" && (slices.Contains(builtinPermissions, key) || slices.Contains(p.opt.Capabilities, key)):
		return " (it belongs under permissions)"
	case prefix != "limits" && slices.Contains(limitKeys(), key):
		return " (it belongs under limits)"
	case prefix != "" && slices.Contains(topKeys, key):
		return " (it belongs at the top level; check the indentation)"
	}
	return ""
}

func (p *parser) top(root *yaml.Node) {
	m := p.m
	if root == nil || isNull(root) {
		p.failAt(1, 1, "code", "is required (the manifest is empty)")
		return
	}
	if root.Kind != yaml.MappingNode {
		p.failf(root, "", "a manifest must be a mapping of keys to values (code: my-module, ...), not a %s", kindName(root))
		return
	}
	var codeSeen bool
	var mainNode, runtimeNode *yaml.Node
	mainOK, runtimeOK := true, true
	p.mapping(root, "", topKeys, false, func(key, path string, k, v *yaml.Node) {
		switch key {
		case "code":
			codeSeen = true
			if isNull(v) {
				p.fail(v, path, "is required; give the module's identity, e.g. code: my-module")
			} else if s, ok := p.str(v, path); ok {
				if err := ValidCode(s); err != nil {
					p.fail(v, path, err.Error())
				}
				m.Code = s
			}
		case "name":
			m.Name, _ = p.str(v, path)
		case "version":
			m.Version, _ = p.str(v, path)
		case "main":
			if isNull(v) {
				return
			}
			mainNode = v
			s, ok := p.str(v, path)
			if !ok {
				mainOK = false
				return
			}
			clean, msg := checkMain(s)
			if msg != "" {
				mainOK = false
				p.fail(v, path, msg)
			}
			m.Main = clean
		case "runtime":
			if isNull(v) {
				return
			}
			runtimeNode = v
			s, ok := p.str(v, path)
			if ok && s != RuntimeTypeScript && s != RuntimeWasm {
				p.failf(v, path, "%q is not a runtime; use %q or %q", truncate(s, 64), RuntimeTypeScript, RuntimeWasm)
				ok = false
			}
			if !ok {
				runtimeOK = false
				return
			}
			m.Runtime = s
		case "permissions":
			p.permissions(v, path)
		case "limits":
			p.limits(v, path)
		case "bundle":
			p.bundle(v, path)
		case "sign":
			p.sign(k, v, path)
		}
	})
	if !codeSeen {
		p.fail(root, "code", "is required; give the module's identity, e.g. code: my-module")
	}
	if mainOK && runtimeOK {
		if key, msg := checkRuntimeMain(m.Runtime, m.Main); msg != "" {
			n := mainNode
			if key == "runtime" {
				n = runtimeNode
			}
			p.fail(n, key, msg)
		}
	}
	if runtimeOK && m.Runtime == RuntimeWasm && m.Limits.Fuel != 0 {
		p.failAt(m.Lines["limits.fuel"], 0, "limits.fuel", wasmFuelMsg)
	}
	if runtimeOK && m.Runtime == RuntimeWasm && m.Bundle != (Bundle{}) {
		p.failAt(m.Lines["bundle"], 0, "bundle", wasmBundleMsg)
	}
}

// wasmFuelMsg refuses fuel for runtime: wasm: Extism meters no
// instructions, and a limit silently ignored is worse than none.
const wasmFuelMsg = "is not supported for runtime: wasm (a wasm module is bounded by limits.timeout and limits.memory)"

// str reads a string value; ok is false for null and after a problem.
func (p *parser) str(v *yaml.Node, path string) (s string, ok bool) {
	switch {
	case isNull(v):
		return "", false
	case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str":
		if msg := checkText(v.Value); msg != "" {
			p.fail(v, path, msg)
			return "", false
		}
		return v.Value, true
	case v.Kind == yaml.ScalarNode:
		p.failf(v, path, "must be a string; quote it: %q", truncate(v.Value, 64))
	default:
		p.failf(v, path, "must be a string, not a %s", kindName(v))
	}
	return "", false
}

func (p *parser) permissions(v *yaml.Node, path string) {
	if isNull(v) {
		return
	}
	if v.Kind != yaml.MappingNode {
		p.failf(v, path, `must be a mapping of capabilities to lists (read: ["./data/"]), not a %s`, kindName(v))
		return
	}
	valid := append(slices.Clip(builtinPermissions), p.opt.Capabilities...)
	perms := &p.m.Permissions
	p.mapping(v, path, valid, p.anyCaps, func(key, path string, k, v *yaml.Node) {
		list := p.list(v, path, key)
		if slot := perms.slot(key); slot != nil {
			*slot = list
			return
		}
		if perms.Extra == nil {
			perms.Extra = map[string][]string{}
		}
		perms.Extra[key] = list
	})
}

// list reads a permission list; null is an empty list.
func (p *parser) list(v *yaml.Node, path, perm string) []string {
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" {
			p.failf(v, path, "must be a list; write [%q]", truncate(v.Value, 64))
		} else {
			p.failf(v, path, "must be a list of strings, not a %s", kindName(v))
		}
		return nil
	}
	var out []string
	for i, item := range v.Content {
		if p.full() {
			break
		}
		if i >= MaxPermissionEntries {
			p.failf(item, path, "has more than %d entries", MaxPermissionEntries)
			break
		}
		ip := path + "[" + strconv.Itoa(i) + "]"
		p.m.Lines[ip] = item.Line
		if isNull(item) {
			p.fail(item, ip, "must not be empty")
			continue
		}
		s, ok := p.str(item, ip)
		if !ok {
			continue
		}
		if msg := checkEntry(perm, s); msg != "" {
			p.fail(item, ip, msg)
			continue
		}
		out = append(out, s)
	}
	return out
}

func (p *parser) limits(v *yaml.Node, path string) {
	if isNull(v) {
		return
	}
	if v.Kind != yaml.MappingNode {
		p.failf(v, path, "must be a mapping of limits (memory: 64MiB, ...), not a %s", kindName(v))
		return
	}
	p.mapping(v, path, limitKeys(), false, func(key, path string, k, v *yaml.Node) {
		for _, s := range limitSpecs {
			if s.key == key {
				p.limit(s, v, path)
			}
		}
	})
}

// plainInt matches integers too large for an int64, which YAML resolves
// as floats.
var plainInt = regexp.MustCompile(`^[-+]?[0-9][0-9_]*$`)

func (p *parser) limit(s limitSpec, v *yaml.Node, path string) {
	if isNull(v) {
		return
	}
	if v.Kind != yaml.ScalarNode {
		p.failf(v, path, "must be a single value, not a %s", kindName(v))
		return
	}
	tag, text := v.ShortTag(), truncate(v.Value, 64)
	var n int64
	var err error
	switch {
	case tag == "!!int" && s.kind != kindDuration:
		// YAML's own integer forms: 200_000_000, 0x10, 0o17.
		n, err = strconv.ParseInt(strings.ReplaceAll(v.Value, "_", ""), 0, 64)
		if err != nil {
			p.failf(v, path, "%s is too large", text)
			return
		}
	case tag == "!!float" && plainInt.MatchString(v.Value):
		p.failf(v, path, "%s is too large", text)
		return
	case s.kind == kindSize && tag == "!!str":
		if n, err = ParseSize(v.Value); err != nil {
			p.fail(v, path, err.Error())
			return
		}
	case s.kind == kindSize:
		p.failf(v, path, "%q is not a size; use a whole number of bytes or a number with a unit such as 64MiB or 512KB", text)
		return
	case s.kind == kindCount:
		p.failf(v, path, "%q is not a whole number", text)
		return
	case tag == "!!int":
		p.failf(v, path, "%s has no unit; write a duration such as \"%ss\"", text, text)
		return
	case tag == "!!str":
		d, err := time.ParseDuration(v.Value)
		if err != nil {
			p.failf(v, path, "%q is not a duration; use a number with a unit such as \"30s\", \"1m30s\" or \"500ms\"", text)
			return
		}
		n = int64(d)
	default:
		p.failf(v, path, "%q is not a duration; use a number with a unit such as \"30s\"", text)
		return
	}
	if msg := s.check(n); msg != "" {
		p.fail(v, path, msg)
		return
	}
	s.set(&p.m.Limits, n)
}

func (p *parser) sign(k, v *yaml.Node, path string) {
	if isNull(v) {
		return
	}
	if v.Kind == yaml.ScalarNode && (v.Line != k.Line || v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0) {
		p.fail(v, path, `must be written on one line: sign: "<base64>"`)
		return
	}
	s, ok := p.str(v, path)
	if !ok || s == "" {
		// sign: "" is a placeholder: unsigned.
		return
	}
	if msg := checkSign(s); msg != "" {
		p.fail(v, path, msg)
		return
	}
	p.m.Sign = s
}

// The value checks below work on plain Go values, so Parse and
// Manifest.Validate apply the same rules. Each returns "" when the value
// is fine, else the message.

// checkText refuses control characters (newlines included) and invalid
// UTF-8 in a string value.
func checkText(s string) string {
	if !utf8.ValidString(s) {
		return "must be UTF-8 text"
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Sprintf("must not contain control characters (found %q)", r)
		}
	}
	return ""
}

var entryExts = []string{".ts", ".js", ".mts", ".mjs", ".tsx", ".jsx", ".wasm"}

// checkMain checks an entry file name and returns its clean form.
func checkMain(s string) (clean, msg string) {
	if msg := checkText(s); msg != "" {
		return s, msg
	}
	switch {
	case s == "":
		return s, "must not be empty; leave it out to use the default entry"
	case strings.Contains(s, `\`):
		return s, fmt.Sprintf("%q must use forward slashes", truncate(s, 200))
	case strings.HasPrefix(s, "/"):
		return s, fmt.Sprintf("%q must be relative to the module directory", truncate(s, 200))
	case strings.Contains(s, ":"):
		return s, fmt.Sprintf("%q must not contain ':' (drive letters and alternate data streams are refused)", truncate(s, 200))
	}
	clean = strings.TrimPrefix(s, "./")
	for _, elem := range strings.Split(clean, "/") {
		if elem == "" || elem == "." || elem == ".." {
			return s, fmt.Sprintf("%q must be a plain path inside the module (no '..', '.' or empty parts)", truncate(s, 200))
		}
	}
	if !slices.ContainsFunc(entryExts, func(ext string) bool { return strings.HasSuffix(clean, ext) }) {
		return s, fmt.Sprintf("%q must end in %s", truncate(s, 200), strings.Join(entryExts, ", "))
	}
	return clean, ""
}

// checkRuntimeMain checks that runtime and main agree, and returns the key
// to blame.
func checkRuntimeMain(runtime, main string) (key, msg string) {
	wasm := strings.HasSuffix(main, ".wasm")
	switch {
	case runtime == RuntimeWasm && main == "":
		return "runtime", "wasm needs main to name the module's .wasm file"
	case runtime == RuntimeWasm && !wasm:
		return "main", fmt.Sprintf("%q is not a .wasm file, which runtime: wasm needs", truncate(main, 200))
	case runtime != RuntimeWasm && wasm:
		return "main", fmt.Sprintf("%q is a .wasm file; add runtime: wasm", truncate(main, 200))
	}
	return "", ""
}

// checkEntry checks one entry of a permission list. What the entry means is
// for package caps; here it only has to be a sane string.
func checkEntry(perm, s string) string {
	if s == "" {
		return "must not be empty"
	}
	if len(s) > maxEntryLen {
		return fmt.Sprintf("is longer than %d bytes", maxEntryLen)
	}
	if msg := checkText(s); msg != "" {
		return msg
	}
	if perm == "env" && !envName(s) {
		return fmt.Sprintf("%q is not an environment variable name (letters, digits and '_', not starting with a digit)", truncate(s, 64))
	}
	if perm == "env" {
		if why := RefusedEnv(s); why != "" {
			return fmt.Sprintf("%q may not be granted: %s", s, why)
		}
	}
	return ""
}

func envName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// checkSign checks that s is a canonical base64 ed25519 signature.
func checkSign(s string) string {
	if strings.ContainsAny(s, "\r\n") {
		return "must be a single line"
	}
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil {
		return "is not standard base64 (as Sign writes it)"
	}
	if len(b) != 64 {
		return fmt.Sprintf("decodes to %d bytes; an ed25519 signature has 64", len(b))
	}
	return ""
}

// suggest returns the valid key closest to a misspelt one, or "".
func suggest(key string, valid []string) string {
	if len(key) > 64 {
		return ""
	}
	best, bestDist := "", 3
	for _, v := range valid {
		if d := distance(strings.ToLower(key), v); d < bestDist {
			best, bestDist = v, d
		}
	}
	return best
}

// distance is the Levenshtein distance between two short strings.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
