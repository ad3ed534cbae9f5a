package manifest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// signatureVersion opens every payload, so a future format cannot be
// confused with this one.
const signatureVersion = "corets-wasm signature v1\n"

// Bounds of what can be signed.
const (
	MaxSignedFiles = 10000   // files in a module, the manifest not counted
	MaxSignedBytes = 1 << 30 // total size of those files
)

// The caps digestFiles applies; tests lower them.
var (
	signedFilesCap       = MaxSignedFiles
	signedBytesCap int64 = MaxSignedBytes
)

// Payload returns the exact bytes a module's signature covers:
//
//	corets-wasm signature v1
//	<sha256 hex of the manifest without its sign line>  .core/view.yml
//	<sha256 hex>  <slash path>      one line per file, sorted by path
//
// The files are every regular file under dir except the manifest itself and
// anything inside a directory named .git. Empty directories are not covered.
// A symbolic link, a device or a pipe anywhere in the module is an error, as
// is a file name with control characters or invalid UTF-8, more than
// MaxSignedFiles files, or more than MaxSignedBytes in total.
//
// The sign line is the whole line holding the top-level sign key, its line
// break included (and so any comment on it): it is the only part of the
// manifest a signature does not cover. It must read sign: "<base64>" (quotes
// optional) on a line of its own.
func Payload(dir string) ([]byte, error) {
	file, data, _, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	if _, errs := parse(file, data, Options{}, true); errs != nil {
		return nil, errs
	}
	spot, err := findSign(file, data)
	if err != nil {
		return nil, err
	}
	return payloadFor(dir, spot.without(data))
}

// Sign signs the module in dir with key and writes the signature into its
// manifest: it replaces the existing sign line, or appends one
// (sign: "<base64>") after the last line. The manifest is rewritten
// atomically (a temporary file in .core, synced, then renamed over it) and
// keeps its permission bits.
//
// Sign refuses a manifest that is invalid apart from its sign line; the
// embedder's own capabilities under permissions are accepted, since Sign
// cannot know them.
func Sign(dir string, key ed25519.PrivateKey) error {
	if len(key) != ed25519.PrivateKeySize {
		return fmt.Errorf("manifest: Sign: the private key has %d bytes, want %d", len(key), ed25519.PrivateKeySize)
	}
	file, data, perm, err := readManifest(dir)
	if err != nil {
		return err
	}
	spot, err := findSign(file, data)
	if err != nil {
		return err
	}
	rest, at := spot.without(data), spot.start
	if !spot.found {
		if len(rest) > 0 && rest[len(rest)-1] != '\n' && rest[len(rest)-1] != '\r' {
			rest = append(slices.Clip(rest), spot.nl...)
		}
		at = len(rest)
	}
	unsigned, errs := parse(file, rest, Options{}, true)
	if errs != nil {
		return errs
	}
	payload, err := payloadFor(dir, rest)
	if err != nil {
		return err
	}
	sig := base64.StdEncoding.EncodeToString(ed25519.Sign(key, payload))
	line := spot.indent + `sign: "` + sig + `"` + spot.nl
	out := slices.Concat(rest[:at], []byte(line), rest[at:])

	// Make sure the result reads back as this signature over this payload
	// before it replaces anything.
	m, errs := parse(file, out, Options{}, true)
	if errs != nil {
		return fmt.Errorf("cannot add a sign line to %s (write `sign: \"\"` where it belongs and sign again): %w", file, errs)
	}
	check, err := findSign(file, out)
	if err != nil || m.Sign != sig || !check.found || !bytes.Equal(check.without(out), rest) || !sameManifest(m, unsigned) {
		return fmt.Errorf("cannot add a sign line to %s (write `sign: \"\"` where it belongs and sign again)", file)
	}
	return writeManifest(dir, file, out, perm)
}

// Verify checks the signature of the module in dir against key. It returns
// an error wrapping ErrUnsigned when the manifest has no signature, and one
// wrapping ErrBadSignature when the signature does not match or the module
// holds something that cannot have been signed (a symbolic link, say).
// Both name the manifest's path.
//
// To use the manifest afterwards, prefer LoadVerified, which parses the
// very bytes it verified.
func Verify(dir string, key ed25519.PublicKey) error {
	if err := checkPublicKey(key); err != nil {
		return err
	}
	file, data, _, err := readManifest(dir)
	if err != nil {
		return err
	}
	return verify(dir, file, data, key)
}

// LoadVerified is Load followed by Verify, on one reading of the manifest:
// the Manifest returned is parsed from the bytes whose signature was
// checked. A missing manifest is an error wrapping ErrNotFound even with
// Options.AllowMissing, since there is nothing to verify.
func LoadVerified(dir string, opt Options, key ed25519.PublicKey) (*Manifest, error) {
	if err := opt.validate(); err != nil {
		return nil, err
	}
	if err := checkPublicKey(key); err != nil {
		return nil, err
	}
	file, data, _, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	m, err := Parse(file, data, opt)
	if err != nil {
		return nil, err
	}
	if err := verify(dir, file, data, key); err != nil {
		return nil, err
	}
	return m, nil
}

func checkPublicKey(key ed25519.PublicKey) error {
	if len(key) != ed25519.PublicKeySize {
		return fmt.Errorf("manifest: the public key has %d bytes, want %d", len(key), ed25519.PublicKeySize)
	}
	return nil
}

// verify checks the signature in a manifest's bytes against the module.
func verify(dir, file string, data []byte, key ed25519.PublicKey) error {
	m, errs := parse(file, data, Options{}, true)
	if errs != nil {
		return errs
	}
	if m.Sign == "" {
		return fmt.Errorf("%s: %w", file, ErrUnsigned)
	}
	spot, err := findSign(file, data)
	if err != nil {
		return err
	}
	payload, err := payloadFor(dir, spot.without(data))
	var refused *refusedError
	if errors.As(err, &refused) {
		return fmt.Errorf("%s: %w: %w", file, ErrBadSignature, err)
	}
	if err != nil {
		return err
	}
	sig, err := base64.StdEncoding.Strict().DecodeString(m.Sign)
	if err != nil || !ed25519.Verify(key, payload, sig) {
		return fmt.Errorf("%s: %w", file, ErrBadSignature)
	}
	return nil
}

// signSpot is where a manifest's sign line is, or would go.
type signSpot struct {
	found      bool
	start, end int    // the sign line's bytes, line break included
	indent     string // indentation of top-level keys
	nl         string // the file's line break
}

func (s signSpot) without(data []byte) []byte {
	if !s.found {
		return data
	}
	return slices.Concat(data[:s.start], data[s.end:])
}

// signLine is the only form of sign line that signing rewrites: the value is
// captured quoted ("x" or 'x') or plain, and there may be a comment.
var signLine = regexp.MustCompile(`^( *)sign[ \t]*:(?:[ \t]+(?:"([A-Za-z0-9+/=]*)"|'([A-Za-z0-9+/=]*)'|([A-Za-z0-9+/=~]+)))?(?:[ \t]+#.*)?[ \t]*$`)

// findSign finds the top-level sign line of a manifest.
func findSign(file string, data []byte) (signSpot, error) {
	p := &parser{file: file, m: &Manifest{Lines: map[string]int{}}}
	root, ok := p.decode(data)
	if !ok {
		return signSpot{}, p.errs
	}
	if root == nil || root.Kind != yaml.MappingNode {
		// Let the full parse say what is wrong.
		_, errs := parse(file, data, Options{}, true)
		if errs == nil {
			errs = ErrorList{{File: file, Msg: "a manifest must be a mapping of keys to values"}}
		}
		return signSpot{}, errs
	}
	spot := signSpot{indent: strings.Repeat(" ", max(root.Column-1, 0)), nl: "\n"}
	if i := bytes.IndexByte(data, '\n'); i > 0 && data[i-1] == '\r' {
		spot.nl = "\r\n"
	}
	var k, v *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if c := root.Content[i]; c.Kind == yaml.ScalarNode && c.Value == "sign" {
			if k != nil {
				return signSpot{}, ErrorList{{File: file, Line: c.Line, Column: c.Column, Key: "sign", Msg: fmt.Sprintf("duplicate key (first at line %d)", k.Line)}}
			}
			k, v = c, root.Content[i+1]
		}
	}
	if k == nil {
		return spot, nil
	}
	bad := ErrorList{{File: file, Line: k.Line, Column: k.Column, Key: "sign", Msg: `must be on a line of its own, as sign: "<base64>", for signing to rewrite it`}}
	starts := lineStarts(data)
	if root.Style&yaml.FlowStyle != 0 || k.Line < 1 || k.Line > len(starts) {
		return signSpot{}, bad
	}
	start, end := starts[k.Line-1], len(data)
	if k.Line < len(starts) {
		end = starts[k.Line]
	}
	text := trimBreak(data[start:end])
	at := signLine.FindSubmatchIndex(text)
	if at == nil || at[3]-at[2] != k.Column-1 {
		return signSpot{}, bad
	}
	value, quoted, given := "", false, false
	for g := 2; g <= 4; g++ {
		if at[2*g] >= 0 {
			value, quoted, given = string(text[at[2*g]:at[2*g+1]]), g < 4, true
		}
	}
	switch {
	case v.Line != k.Line:
		return signSpot{}, bad
	case isNull(v):
		if quoted || value != "" && value != "~" && value != "null" && value != "Null" && value != "NULL" {
			return signSpot{}, bad
		}
	case !given || v.Kind != yaml.ScalarNode || v.Value != value:
		return signSpot{}, bad
	}
	spot.found, spot.start, spot.end = true, start, end

	// Whatever the line analysis above missed, never let a signature cover
	// bytes that mean something else than the manifest that is loaded:
	// without its sign line, a valid manifest must read the same.
	if m, errs := parse(file, data, Options{}, true); errs == nil {
		rest, errs := parse(file, spot.without(data), Options{}, true)
		if errs != nil || !sameManifest(m, rest) {
			return signSpot{}, bad
		}
	}
	return spot, nil
}

// sameManifest compares two manifests but for their signatures and lines.
func sameManifest(a, b *Manifest) bool {
	x, y := *a, *b
	x.Sign, y.Sign, x.Lines, y.Lines = "", "", nil, nil
	return reflect.DeepEqual(x, y)
}

// lineStarts returns the offset at which each line starts, counting line
// breaks as YAML does (LF, CRLF, CR, NEL, LS, PS), so that its line numbers
// and ours agree.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i := 0; i < len(data); {
		n := breakLen(data[i:])
		if n == 0 {
			i++
			continue
		}
		i += n
		starts = append(starts, i)
	}
	return starts
}

// breakLen is the length of the line break data starts with, 0 if none.
func breakLen(b []byte) int {
	switch {
	case len(b) == 0:
		return 0
	case b[0] == '\n':
		return 1
	case b[0] == '\r':
		if len(b) > 1 && b[1] == '\n' {
			return 2
		}
		return 1
	case len(b) > 1 && b[0] == 0xC2 && b[1] == 0x85:
		return 2
	case len(b) > 2 && b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0xA8 || b[2] == 0xA9):
		return 3
	}
	return 0
}

// trimBreak drops the line break a line ends with.
func trimBreak(line []byte) []byte {
	for i := range line {
		if n := breakLen(line[i:]); n > 0 && i+n == len(line) {
			return line[:i]
		}
	}
	return line
}

// refusedError is a module that cannot be signed as it stands.
type refusedError struct{ msg string }

func (e *refusedError) Error() string { return e.msg }

func refusedf(format string, args ...any) error {
	return &refusedError{fmt.Sprintf(format, args...)}
}

// payloadFor builds the payload from the manifest bytes without the sign
// line and the files of dir.
func payloadFor(dir string, manifest []byte) ([]byte, error) {
	files, err := digestFiles(dir)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(signatureVersion)
	fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(manifest), Path)
	for _, f := range files {
		fmt.Fprintf(&b, "%x  %s\n", f.sum, f.name)
	}
	return b.Bytes(), nil
}

type fileSum struct {
	name string // slash path relative to the module directory
	sum  [sha256.Size]byte
}

// digestFiles hashes every file of the module but the manifest, sorted by
// slash path. All access goes through an os.Root, so nothing outside dir is
// read even if the tree changes meanwhile.
func digestFiles(dir string) ([]fileSum, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("module directory: %w", err)
	}
	defer root.Close()
	var files []fileSum
	var total int64
	err = fs.WalkDir(root.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		show := filepath.Join(dir, filepath.FromSlash(name))
		if err != nil {
			return fmt.Errorf("%s: %w", show, err)
		}
		if name == "." {
			return nil
		}
		if msg := checkText(d.Name()); msg != "" {
			return refusedf("%s: the file name %s", show, msg)
		}
		switch {
		case d.IsDir():
			if d.Name() == ".git" {
				return fs.SkipDir
			}
			return nil
		case name == Path:
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			return refusedf("%s: is a symbolic link; a signed module may not contain symbolic links", show)
		case !d.Type().IsRegular():
			return refusedf("%s: is not a regular file; a signed module may contain only files and directories", show)
		case len(files) >= signedFilesCap:
			return refusedf("%s: the module has more than %d files, the most a signature covers", dir, signedFilesCap)
		}
		sum, n, err := hashFile(root, name, signedBytesCap-total)
		total += n
		if err != nil {
			return fmt.Errorf("%s: %w", show, err)
		}
		if total > signedBytesCap {
			return refusedf("%s: the module's files add up to more than %d bytes, the most a signature covers", dir, signedBytesCap)
		}
		files = append(files, fileSum{name: name, sum: sum})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(files, func(a, b fileSum) int { return strings.Compare(a.name, b.name) })
	return files, nil
}

// hashFile hashes one file, reading at most limit+1 bytes; n tells whether
// the limit was passed.
func hashFile(root *os.Root, name string, limit int64) (sum [sha256.Size]byte, n int64, err error) {
	f, err := root.Open(filepath.FromSlash(name))
	if err != nil {
		return sum, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return sum, 0, err
	}
	if !st.Mode().IsRegular() {
		return sum, 0, refusedf("is not a regular file")
	}
	h := sha256.New()
	n, err = io.Copy(h, io.LimitReader(f, limit+1))
	if err != nil {
		return sum, n, err
	}
	h.Sum(sum[:0])
	return sum, n, nil
}

// writeManifest replaces dir's manifest with data, atomically: a new file
// in .core is written, synced and renamed over the old one.
func writeManifest(dir, file string, data []byte, perm fs.FileMode) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("module directory: %w", err)
	}
	defer root.Close()
	name := filepath.FromSlash(Path)
	core := filepath.Dir(name)
	var tmp string
	var f *os.File
	for try := 0; ; try++ {
		tmp = filepath.Join(core, ".view.yml."+rand.Text()[:16]+".tmp")
		f, err = root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) || try == 3 {
			return fmt.Errorf("%s: %w", file, err)
		}
	}
	done := false
	defer func() {
		if !done {
			f.Close()
			root.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	// The umask may have taken bits away at creation; keep the original's.
	if err := root.Chmod(tmp, perm); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if err := root.Rename(tmp, name); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	done = true
	return syncDir(root, core)
}
