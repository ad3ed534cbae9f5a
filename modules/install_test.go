package modules

import (
	"archive/zip"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// installRuntime opens a runtime on a new app root inside its own parent
// directory, so tests can check that nothing lands beside the app root.
func installRuntime(t testing.TB, opts Options) *Runtime {
	t.Helper()
	if opts.AppRoot == "" {
		opts.AppRoot = filepath.Join(t.TempDir(), "app")
		if err := os.Mkdir(opts.AppRoot, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if opts.StorePath == "" {
		opts.MemoryStore = true
	}
	opts.NoDiskCache = true
	opts.SkipInstalled = true
	if opts.Output == nil {
		opts.Output = func(module, level, text string) {}
	}
	r, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(context.Background()) })
	return r
}

// writeTree writes files (slash paths) under dir and returns dir.
func writeTree(t testing.TB, dir string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// moduleFiles is a module whose hello export names its version. extra is
// appended to the manifest (permissions, limits).
func moduleFiles(code, version, extra string) map[string]string {
	return map[string]string{
		".core/view.yml": fmt.Sprintf("code: %s\nname: Notes\nversion: %q\n%s", code, version, extra),
		"main.ts": `import { greet } from "./lib/greet";
export function hello(name: string): string { return greet(name); }
`,
		"lib/greet.ts": fmt.Sprintf("export const greet = (n: string): string => `hello ${n} from %s`;\n", version),
	}
}

// checkAnswers calls code's hello and wants version in the answer.
func checkAnswers(t testing.TB, r *Runtime, code, version string) {
	t.Helper()
	out, err := r.Call(context.Background(), code, "hello", "ada")
	if err != nil {
		t.Fatalf("call %s.hello: %v", code, err)
	}
	if want := fmt.Sprintf(`"hello ada from %s"`, version); string(out) != want {
		t.Fatalf("%s.hello = %s, want %s", code, out, want)
	}
}

// checkInstalled wants code installed at version: listed, recorded, its
// directory in place, loaded and answering.
func checkInstalled(t testing.TB, r *Runtime, code, version string) InstalledModule {
	t.Helper()
	list, err := r.Installed()
	if err != nil {
		t.Fatal(err)
	}
	var found *InstalledModule
	for i := range list {
		if list[i].Code == code {
			found = &list[i]
		}
	}
	if found == nil {
		t.Fatalf("%s is not listed in %+v", code, list)
	}
	if found.Version != version {
		t.Fatalf("%s is recorded at version %q, want %q", code, found.Version, version)
	}
	if want := filepath.Join(r.AppRoot(), "modules", code); found.Dir != want {
		t.Fatalf("dir = %s, want %s", found.Dir, want)
	}
	m, err := manifest.Load(found.Dir, manifest.Options{})
	if err != nil || m.Version != version {
		t.Fatalf("installed manifest: %+v, %v", m, err)
	}
	checkAnswers(t, r, code, version)
	return *found
}

// checkNothingLeft wants no trace of code: no directory, no record, not
// loaded, and nothing in <app root>/modules but the installed codes in
// keep (no staging directory either).
func checkNothingLeft(t testing.TB, r *Runtime, code string, keep ...string) {
	t.Helper()
	if code != "" {
		if _, err := os.Lstat(filepath.Join(r.AppRoot(), "modules", code)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("modules/%s exists: %v", code, err)
		}
		if _, err := r.Store().System().Get(installedGroup, code); !errors.Is(err, kv.ErrNotFound) {
			t.Errorf("%s is recorded: %v", code, err)
		}
		if _, err := r.Status(code); !errors.Is(err, ErrNotLoaded) {
			t.Errorf("%s is loaded: %v", code, err)
		}
	}
	entries, err := os.ReadDir(filepath.Join(r.AppRoot(), "modules"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != strings.Join(keep, ",") {
		t.Errorf("modules/ holds %v, want %v", names, keep)
	}
}

func TestInstallFromDirectory(t *testing.T) {
	r := installRuntime(t, Options{})
	src := writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "permissions:\n  read: [\"./data/\"]\n"))
	writeTree(t, src, map[string]string{".git/config": "[core]\n\tfsmonitor = evil\n", "lib/.git": "gitdir: x"})
	ctx := context.Background()
	before := time.Now().Add(-time.Second)
	m, err := r.Install(ctx, src, InstallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Code != "notes" || m.Name != "Notes" || m.Version != "1.0" || m.Source != src || m.Signed || m.Time.Before(before) {
		t.Fatalf("installed %+v", m)
	}
	if len(m.Permissions.Read) != 1 || m.Permissions.Read[0] != "./data/" {
		t.Fatalf("permissions %+v", m.Permissions)
	}
	got := checkInstalled(t, r, "notes", "1.0")
	if got.Source != src || !got.Time.Equal(m.Time) || got.Permissions.Read[0] != "./data/" {
		t.Fatalf("listed %+v, installed %+v", got, *m)
	}
	for _, p := range []string{".git", "lib/.git"} {
		if _, err := os.Lstat(filepath.Join(m.Dir, p)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s was copied: %v", p, err)
		}
	}
	checkNothingLeft(t, r, "", "notes")

	// Installing the same version again is an update asking for nothing
	// more.
	if _, err := r.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, r, "notes", "1.0")
	checkNothingLeft(t, r, "", "notes")
}

// gitRun runs git in dir for a test, with an identity and no user config.
func gitRun(t testing.TB, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.com",
		"-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func fileURL(p string) string {
	s := filepath.ToSlash(p)
	if !strings.HasPrefix(s, "/") {
		s = "/" + s
	}
	return "file://" + s
}

func TestInstallFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	r := installRuntime(t, Options{})
	ctx := context.Background()
	repo := writeTree(t, filepath.Join(t.TempDir(), "notes"), moduleFiles("notes", "1.0", ""))
	gitRun(t, repo, "init", "-q")
	gitRun(t, repo, "add", "-A")
	gitRun(t, repo, "commit", "-q", "-m", "v1")
	gitRun(t, repo, "tag", "v1")
	writeTree(t, repo, moduleFiles("notes", "2.0", ""))
	gitRun(t, repo, "commit", "-q", "-a", "-m", "v2")
	// not committed: a clone must not see it
	writeTree(t, repo, map[string]string{"lib/greet.ts": "this does not compile("})

	url := fileURL(repo)
	m, err := r.Install(ctx, url, InstallOptions{Ref: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Source != url || m.Ref != "v1" {
		t.Fatalf("installed %+v", m)
	}
	checkInstalled(t, r, "notes", "1.0")
	if _, err := os.Lstat(filepath.Join(m.Dir, ".git")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf(".git was installed: %v", err)
	}

	// the default branch is the update to 2.0
	if _, err := r.Install(ctx, url, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, r, "notes", "2.0")
	checkNothingLeft(t, r, "", "notes")

	// a bare repository named *.git is a git source given as a path
	bare := filepath.Join(t.TempDir(), "notes.git")
	gitRun(t, filepath.Dir(bare), "clone", "-q", "--bare", repo, bare)
	// (another repository than the one installed from: approved)
	if _, err := r.Install(ctx, bare, InstallOptions{Ref: "v1", Yes: true}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, r, "notes", "1.0")

	// a ref that does not exist: git's message, nothing changed
	_, err = r.Install(ctx, url, InstallOptions{Ref: "nope"})
	if err == nil || !strings.Contains(err.Error(), "git clone") || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("missing ref: %v", err)
	}
	checkInstalled(t, r, "notes", "1.0")
	checkNothingLeft(t, r, "", "notes")
}

func TestInstallSourceErrors(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	dir := writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", ""))
	notArchive := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notArchive, []byte("x"), 0o644)
	for _, c := range []struct {
		src string
		opt InstallOptions
	}{
		{"", InstallOptions{}},
		{"http://example.com/notes.git", InstallOptions{}},
		{"git://example.com/notes.git", InstallOptions{}},
		{"ftp://example.com/notes.git", InstallOptions{}},
		{"https://example.com/notes.tar.gz", InstallOptions{}},
		{filepath.Join(t.TempDir(), "missing"), InstallOptions{}},
		{notArchive, InstallOptions{}},
		{dir, InstallOptions{Ref: "main"}},
		{"https://example.com/notes.git", InstallOptions{Ref: "--upload-pack=evil"}},
		{r.AppRoot(), InstallOptions{}},
		{filepath.Dir(r.AppRoot()), InstallOptions{}},
	} {
		_, err := r.Install(ctx, c.src, c.opt)
		if !errors.Is(err, ErrBadSource) {
			t.Errorf("Install(%q, %+v) = %v, want ErrBadSource", c.src, c.opt, err)
		}
	}
	checkNothingLeft(t, r, "notes")
}

func TestInstallFromArchives(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	dir := t.TempDir()
	files := moduleFiles("notes", "1.0", "")

	// a .tar.gz with everything in one top-level directory, which goes
	tgz := filepath.Join(dir, "notes-1.0.tar.gz")
	var entries []tarEntry
	entries = append(entries, tarEntry{name: "notes-1.0/", typ: '5'})
	for name, body := range files {
		entries = append(entries, tarEntry{name: "notes-1.0/" + name, body: body})
	}
	entries = append(entries, tarEntry{name: "notes-1.0/bin/tool.sh", body: "#!/bin/sh\n", mode: 0o4777})
	writeTarGz(t, tgz, entries)
	m, err := r.Install(ctx, tgz, InstallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, r, "notes", "1.0")
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(filepath.Join(m.Dir, "bin", "tool.sh"))
		if err != nil || fi.Mode().Perm()&^0o755 != 0 || fi.Mode()&(fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky) != 0 {
			t.Fatalf("tool.sh mode %v, %v", fi.Mode(), err)
		}
		fi, _ = os.Stat(filepath.Join(m.Dir, "main.ts"))
		if fi.Mode().Perm()&^0o644 != 0 {
			t.Fatalf("main.ts mode %v", fi.Mode())
		}
	}

	// a .zip with the module at its top, "./" names
	files = moduleFiles("notes", "1.1", "")
	var zentries []zipEntry
	for name, body := range files {
		zentries = append(zentries, zipEntry{name: "./" + name, body: body})
	}
	zipPath := filepath.Join(dir, "notes.zip")
	writeZip(t, zipPath, zentries)
	// (another archive than the one installed from: approved)
	if _, err := r.Install(ctx, zipPath, InstallOptions{Yes: true}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, r, "notes", "1.1")

	// a .tgz of another module, no top-level directory
	var tentries []tarEntry
	for name, body := range moduleFiles("other", "3", "") {
		tentries = append(tentries, tarEntry{name: name, body: body})
	}
	tgz2 := filepath.Join(dir, "other.tgz")
	writeTarGz(t, tgz2, tentries)
	if _, err := r.Install(ctx, tgz2, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, r, "other", "3")
	checkNothingLeft(t, r, "", "notes", "other")
}

func TestInstallHostileArchives(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	good := moduleFiles("evil", "1", "")
	withGood := func(extra ...tarEntry) []tarEntry {
		var e []tarEntry
		for name, body := range good {
			e = append(e, tarEntry{name: name, body: body})
		}
		return append(e, extra...)
	}
	withGoodZip := func(extra ...zipEntry) []zipEntry {
		var e []zipEntry
		for name, body := range good {
			e = append(e, zipEntry{name: name, body: body})
		}
		return append(e, extra...)
	}
	many := func(n int) []zipEntry {
		e := withGoodZip()
		for i := range n {
			e = append(e, zipEntry{name: fmt.Sprintf("f/%05d", i)})
		}
		return e
	}
	manyTar := func(n int) []tarEntry {
		e := withGood()
		for i := range n {
			e = append(e, tarEntry{name: fmt.Sprintf("f/%05d", i)})
		}
		return e
	}
	cases := []struct {
		name string
		tar  []tarEntry
		zip  []zipEntry
		bomb int // MiB of zeros in a zip bomb
		opt  InstallOptions
		want error
	}{
		{name: "tar-dotdot", tar: withGood(tarEntry{name: "../evil", body: "x"}), want: ErrUnsafeEntry},
		{name: "tar-dotdot-inside", tar: withGood(tarEntry{name: "lib/../../evil", body: "x"}), want: ErrUnsafeEntry},
		{name: "tar-absolute", tar: withGood(tarEntry{name: "/tmp/evil", body: "x"}), want: ErrUnsafeEntry},
		{name: "tar-backslash", tar: withGood(tarEntry{name: `..\evil`, body: "x"}), want: ErrUnsafeEntry},
		{name: "tar-drive", tar: withGood(tarEntry{name: "C:/evil", body: "x"}), want: ErrUnsafeEntry},
		{name: "tar-symlink", tar: withGood(tarEntry{name: "link", typ: '2', link: "/etc/passwd"}), want: ErrUnsafeEntry},
		{name: "tar-symlink-inside", tar: withGood(tarEntry{name: "link", typ: '2', link: "main.ts"}), want: ErrUnsafeEntry},
		{name: "tar-hardlink", tar: withGood(tarEntry{name: "link", typ: '1', link: "/etc/passwd"}), want: ErrUnsafeEntry},
		{name: "tar-device", tar: withGood(tarEntry{name: "dev", typ: '3'}), want: ErrUnsafeEntry},
		{name: "tar-fifo", tar: withGood(tarEntry{name: "fifo", typ: '6'}), want: ErrUnsafeEntry},
		{name: "tar-claims-too-much", tar: withGood(tarEntry{name: "big", size: DefaultMaxInstallBytes + 1}), want: ErrInstallTooLarge},
		{name: "tar-gzip-bomb", tar: withGood(tarEntry{name: "zeros", zeros: 16 << 20}), opt: InstallOptions{MaxBytes: 1 << 20}, want: ErrInstallTooLarge},
		{name: "tar-too-many", tar: manyTar(200), opt: InstallOptions{MaxFiles: 100}, want: ErrInstallTooLarge},
		{name: "zip-dotdot", zip: withGoodZip(zipEntry{name: "../evil", body: "x"}), want: ErrUnsafeEntry},
		{name: "zip-absolute", zip: withGoodZip(zipEntry{name: "/tmp/evil", body: "x"}), want: ErrUnsafeEntry},
		{name: "zip-backslash", zip: withGoodZip(zipEntry{name: `lib\..\..\evil`, body: "x"}), want: ErrUnsafeEntry},
		{name: "zip-drive", zip: withGoodZip(zipEntry{name: `C:\evil`, body: "x"}), want: ErrUnsafeEntry},
		{name: "zip-symlink", zip: withGoodZip(zipEntry{name: "link", body: "../../..", mode: fs.ModeSymlink | 0o777}), want: ErrUnsafeEntry},
		{name: "zip-bomb", bomb: DefaultMaxInstallBytes>>20 + 1, want: ErrInstallTooLarge},
		{name: "zip-bomb-lower-limit", zip: withGoodZip(zipEntry{name: "zeros", zeros: 16 << 20}), opt: InstallOptions{MaxBytes: 1 << 20}, want: ErrInstallTooLarge},
		{name: "zip-lying-bomb", zip: withGoodZip(zipEntry{name: "zeros", zeros: 16 << 20, lie: true}), opt: InstallOptions{MaxBytes: 1 << 20}, want: zip.ErrFormat},
		{name: "zip-too-many", zip: many(200), opt: InstallOptions{MaxFiles: 100}, want: ErrInstallTooLarge},
		{name: "zip-too-many-default", zip: many(DefaultMaxInstallFiles), want: ErrInstallTooLarge},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var p string
			switch {
			case c.tar != nil:
				p = filepath.Join(dir, c.name+".tar.gz")
				writeTarGz(t, p, c.tar)
			case c.bomb > 0:
				p = filepath.Join(dir, c.name+".zip")
				writeZipBomb(t, p, withGoodZip(), c.bomb)
			default:
				p = filepath.Join(dir, c.name+".zip")
				writeZip(t, p, c.zip)
			}
			_, err := r.Install(ctx, p, c.opt)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			checkNothingLeft(t, r, "evil")
		})
	}
	// nothing was written beside the app root or the archives
	for _, d := range []string{filepath.Dir(r.AppRoot()), dir, "/tmp"} {
		if _, err := os.Lstat(filepath.Join(d, "evil")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s/evil: %v", d, err)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(r.AppRoot()))
	if len(entries) != 1 {
		t.Errorf("beside the app root: %v", entries)
	}
}

func TestInstallSigned(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	otherPub, _, _ := ed25519.GenerateKey(nil)
	r := installRuntime(t, Options{PublicKey: pub})
	ctx := context.Background()

	signed := func(version string) string {
		dir := writeTree(t, t.TempDir(), moduleFiles("notes", version, ""))
		if err := manifest.Sign(dir, priv); err != nil {
			t.Fatal(err)
		}
		return dir
	}

	// tampered: one byte of code changed after signing
	dir := signed("1.0")
	p := filepath.Join(dir, "lib", "greet.ts")
	b, _ := os.ReadFile(p)
	b[len(b)-3] ^= 1
	os.WriteFile(p, b, 0o644)
	_, err = r.Install(ctx, dir, InstallOptions{})
	if !errors.Is(err, manifest.ErrBadSignature) {
		t.Fatalf("tampered: %v", err)
	}
	if strings.Contains(err.Error(), stagingPrefix) {
		t.Errorf("the error names the staging directory: %v", err)
	}
	checkNothingLeft(t, r, "notes")

	// unsigned
	_, err = r.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "")), InstallOptions{})
	if !errors.Is(err, manifest.ErrUnsigned) || !strings.Contains(err.Error(), "only signed modules") {
		t.Fatalf("unsigned: %v", err)
	}
	checkNothingLeft(t, r, "notes")

	// signed with the right key
	m, err := r.Install(ctx, signed("1.0"), InstallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !m.Signed {
		t.Fatalf("installed %+v", m)
	}
	checkInstalled(t, r, "notes", "1.0")

	// an update tampered in its archive leaves the installed version
	dir = signed("1.1")
	files := map[string]string{}
	for _, name := range []string{".core/view.yml", "main.ts", "lib/greet.ts"} {
		b, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		files[name] = string(b)
	}
	files["main.ts"] += "// one more line\n"
	var entries []tarEntry
	for name, body := range files {
		entries = append(entries, tarEntry{name: name, body: body})
	}
	tgz := filepath.Join(t.TempDir(), "notes.tgz")
	writeTarGz(t, tgz, entries)
	if _, err := r.Install(ctx, tgz, InstallOptions{}); !errors.Is(err, manifest.ErrBadSignature) {
		t.Fatalf("tampered archive: %v", err)
	}
	checkInstalled(t, r, "notes", "1.0")
	checkNothingLeft(t, r, "", "notes")

	// signed with another key
	r2 := installRuntime(t, Options{PublicKey: otherPub})
	if _, err := r2.Install(ctx, signed("1.0"), InstallOptions{}); !errors.Is(err, manifest.ErrBadSignature) {
		t.Fatalf("other key: %v", err)
	}
	checkNothingLeft(t, r2, "notes")
}

func TestInstallRefusesBrokenModules(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"syntax", map[string]string{".core/view.yml": "code: broken\n", "main.ts": "export function f( {"}, "main.ts:1:"},
		{"import", map[string]string{".core/view.yml": "code: broken\n", "main.ts": `import x from "./missing"; export const f = () => x;`}, "./missing"},
		{"node-builtin", map[string]string{".core/view.yml": "code: broken\n", "main.ts": `import fs from "node:fs"; export const f = () => fs;`}, "node:fs"},
		{"no-entry", map[string]string{".core/view.yml": "code: broken\n", "README.md": "hi"}, "no entry file"},
		{"no-manifest", map[string]string{"main.ts": "export const f = 1;"}, "no manifest"},
		{"no-code", map[string]string{".core/view.yml": "name: Broken\n", "main.ts": "export const f = 1;"}, "code"},
		{"bad-manifest", map[string]string{".core/view.yml": "code: broken\nperms: {}\n", "main.ts": "export const f = 1;"}, "view.yml:2"},
		{"bad-grant", map[string]string{".core/view.yml": "code: broken\npermissions:\n  read: [\"../outside\"]\n", "main.ts": "export const f = 1;"}, "view.yml:3"},
		{"init-throws", map[string]string{".core/view.yml": "code: broken\n", "main.ts": `export function init() { throw new Error("no way"); }`}, "no way"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := writeTree(t, t.TempDir(), c.files)
			_, err := r.Install(ctx, src, InstallOptions{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to mention %q", err, c.want)
			}
			if strings.Contains(err.Error(), stagingPrefix) {
				t.Errorf("the error names the staging directory: %v", err)
			}
			checkNothingLeft(t, r, "broken")
		})
	}
}

func TestInstallUpdateNeedsApproval(t *testing.T) {
	var asked []Change
	answer := false
	r := installRuntime(t, Options{Approve: func(ctx context.Context, c Change) (bool, error) {
		asked = append(asked, c)
		return answer, nil
	}})
	ctx := context.Background()
	// every version from one directory: another source would need
	// approval by itself (TestInstallFromAnotherSource)
	src := t.TempDir()
	v1 := writeTree(t, src, moduleFiles("notes", "1.0", "permissions:\n  read: [\"./data/\"]\n  net: [\"a.example.com:443\"]\n"))
	if _, err := r.Install(ctx, v1, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	if len(asked) != 0 {
		t.Fatalf("a first install asked: %v", asked)
	}
	v2 := writeTree(t, src, moduleFiles("notes", "1.1", `permissions:
  read: ["./data/"]
  net: ["a.example.com:443", "api.example.com:443"]
  run: ["git"]
limits:
  memory: 128MiB
  timeout: 5s
`))
	_, err := r.Install(ctx, v2, InstallOptions{})
	if !errors.Is(err, ErrNeedsApproval) {
		t.Fatalf("update: %v", err)
	}
	var na *NeedsApprovalError
	if !errors.As(err, &na) {
		t.Fatalf("%T is not a *NeedsApprovalError", err)
	}
	want := "notes 1.0 -> 1.1 asks for more:\n  + net: api.example.com:443\n  + run: git\n  + limits.memory: 128MiB (was 64MiB)"
	if got := na.Change.String(); got != want {
		t.Fatalf("change:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("the error does not show the change: %v", err)
	}
	if na.Change.Removed["limits.timeout"] == nil {
		t.Fatalf("a lowered timeout is not in Removed: %+v", na.Change.Removed)
	}
	if len(asked) != 1 || asked[0].String() != want || asked[0].Source != v2 {
		t.Fatalf("Approve saw %+v", asked)
	}
	// refused: the old version is still in place and answering
	checkInstalled(t, r, "notes", "1.0")
	checkNothingLeft(t, r, "", "notes")

	// Approve says yes
	answer = true
	if _, err := r.Install(ctx, v2, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, r, "notes", "1.1")

	// Yes, without asking
	answer = false
	asked = nil
	v3files := moduleFiles("notes", "1.2", "permissions:\n  write: [\"./out/\"]\n")
	v3 := writeTree(t, src, v3files)
	if _, err := r.Install(ctx, v3, InstallOptions{Yes: true}); err != nil {
		t.Fatal(err)
	}
	if len(asked) != 0 {
		t.Fatalf("Yes still asked: %v", asked)
	}
	checkInstalled(t, r, "notes", "1.2")

	// asking for less needs nobody
	v4files := moduleFiles("notes", "1.3", "")
	v4 := writeTree(t, src, v4files)
	if _, err := r.Install(ctx, v4, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, r, "notes", "1.3")

	// no Approve at all refuses
	r2 := installRuntime(t, Options{})
	if _, err := r2.Install(ctx, v4, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	writeTree(t, src, v3files)
	if _, err := r2.Install(ctx, v3, InstallOptions{}); !errors.Is(err, ErrNeedsApproval) {
		t.Fatalf("no Approve: %v", err)
	}
	checkInstalled(t, r2, "notes", "1.3")

	// an Approve that fails refuses, with its error
	boom := errors.New("no terminal")
	r3 := installRuntime(t, Options{Approve: func(context.Context, Change) (bool, error) { return false, boom }})
	writeTree(t, src, v4files)
	r3.Install(ctx, v4, InstallOptions{})
	writeTree(t, src, v3files)
	if _, err := r3.Install(ctx, v3, InstallOptions{}); !errors.Is(err, boom) {
		t.Fatalf("failing Approve: %v", err)
	}
	checkInstalled(t, r3, "notes", "1.3")
}

func TestInstallUpdateThatFailsToStart(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	src := t.TempDir()
	if _, err := r.Install(ctx, writeTree(t, src, moduleFiles("notes", "1.0", "")), InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	bad := moduleFiles("notes", "2.0", "")
	bad["main.ts"] += `export function init() { throw new Error("cannot start"); }` + "\n"
	_, err := r.Install(ctx, writeTree(t, src, bad), InstallOptions{})
	if err == nil || !strings.Contains(err.Error(), "cannot start") || !strings.Contains(err.Error(), "installed version is back") {
		t.Fatalf("err = %v", err)
	}
	checkInstalled(t, r, "notes", "1.0")
	checkNothingLeft(t, r, "", "notes")
}

func TestInstalledLoadedAtOpen(t *testing.T) {
	root := t.TempDir()
	store := filepath.Join(t.TempDir(), "store.db")
	ctx := context.Background()
	r, err := Open(ctx, Options{AppRoot: root, StorePath: store, NoDiskCache: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"notes", "todo"} {
		if _, err := r.Install(ctx, writeTree(t, t.TempDir(), moduleFiles(code, "1.0", "")), InstallOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Close(ctx); err != nil {
		t.Fatal(err)
	}

	r, err = Open(ctx, Options{AppRoot: root, StorePath: store, NoDiskCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(ctx)
	list, err := r.Installed()
	if err != nil || len(list) != 2 || list[0].Code != "notes" || list[1].Code != "todo" {
		t.Fatalf("installed %+v, %v", list, err)
	}
	for _, code := range []string{"notes", "todo"} {
		if st, err := r.Status(code); err != nil || st.State != StateRunning {
			t.Fatalf("%s: %+v, %v", code, st, err)
		}
		checkAnswers(t, r, code, "1.0")
	}
}

func TestRemove(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	for _, code := range []string{"notes", "todo"} {
		if _, err := r.Install(ctx, writeTree(t, t.TempDir(), moduleFiles(code, "1.0", "")), InstallOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	part := r.Store().Module("notes", kv.Quota{})
	if _, err := part.Set("settings", "k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	other := r.Store().Module("todo", kv.Quota{})
	other.Set("settings", "k", []byte("v"))

	if err := r.Remove(ctx, "notes"); err != nil {
		t.Fatal(err)
	}
	checkNothingLeft(t, r, "notes", "todo")
	if groups, err := part.Groups(); err != nil || len(groups) != 0 {
		t.Fatalf("the store partition is still there: %v, %v", groups, err)
	}
	if _, err := other.Get("settings", "k"); err != nil {
		t.Fatalf("another module's store went: %v", err)
	}
	checkInstalled(t, r, "todo", "1.0")

	if err := r.Remove(ctx, "notes"); !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("second remove: %v", err)
	}
	for _, code := range []string{"", "../todo", "_modules", "Todo"} {
		if err := r.Remove(ctx, code); err == nil {
			t.Fatalf("Remove(%q) succeeded", code)
		}
	}
	checkInstalled(t, r, "todo", "1.0")

	// not loaded (a runtime that skipped it) is removed all the same
	if err := r.Unload(ctx, "todo"); err != nil {
		t.Fatal(err)
	}
	if err := r.Remove(ctx, "todo"); err != nil {
		t.Fatal(err)
	}
	checkNothingLeft(t, r, "todo")
}

func TestInstallCleansStaleStaging(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	mods := filepath.Join(r.AppRoot(), "modules")
	old := time.Now().Add(-2 * staleAfter)
	// a crashed update that had moved "todo" aside
	crashed := filepath.Join(mods, stagingPrefix+"crashed")
	writeTree(t, filepath.Join(crashed, previousPrefix+"todo"), moduleFiles("todo", "0.9", ""))
	os.Chtimes(crashed, old, old)
	// an older leftover, one of another process still at work, and a
	// half-removed module
	writeTree(t, filepath.Join(mods, stagingPrefix+"old"), map[string]string{"module/main.ts": "x"})
	os.Chtimes(filepath.Join(mods, stagingPrefix+"old"), old, old)
	writeTree(t, filepath.Join(mods, stagingPrefix+"busy"), map[string]string{"module/main.ts": "x"})
	writeTree(t, filepath.Join(mods, removedPrefix+"gone-123"), map[string]string{"main.ts": "x"})

	if _, err := r.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "")), InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	checkNothingLeft(t, r, "", stagingPrefix+"busy", "notes", "todo")
	if m, err := manifest.Load(filepath.Join(mods, "todo"), manifest.Options{}); err != nil || m.Version != "0.9" {
		t.Fatalf("the version moved aside was not put back: %+v, %v", m, err)
	}
}

func TestInstallConcurrently(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	codes := []string{"a1", "a2", "a3", "a4"}
	srcs := make([]string, len(codes))
	for i, code := range codes {
		srcs[i] = writeTree(t, t.TempDir(), moduleFiles(code, "1", ""))
	}
	var wg sync.WaitGroup
	errs := make([]error, len(codes)*2)
	for i := range codes {
		for j := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i*2+j] = r.Install(ctx, srcs[i], InstallOptions{})
			}()
		}
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	for _, code := range codes {
		checkInstalled(t, r, code, "1")
	}
	checkNothingLeft(t, r, "", codes...)
}

func TestInstallClosed(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	r.Close(ctx)
	if _, err := r.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("notes", "1", "")), InstallOptions{}); !errors.Is(err, ErrClosed) {
		t.Fatalf("install after close: %v", err)
	}
	if err := r.Remove(ctx, "notes"); !errors.Is(err, ErrClosed) {
		t.Fatalf("remove after close: %v", err)
	}
}

// TestInstallFromAnotherSource: a module of the same code from another
// directory, archive or repository replaces the installed one only with
// approval, even when it asks for nothing more; the same source spelled
// another way needs none.
func TestInstallFromAnotherSource(t *testing.T) {
	var asked []Change
	answer := false
	r := installRuntime(t, Options{Approve: func(ctx context.Context, c Change) (bool, error) {
		asked = append(asked, c)
		return answer, nil
	}})
	ctx := context.Background()
	perms := "permissions:\n  read: [\"./data/\"]\n"
	a := writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", perms))
	b := writeTree(t, t.TempDir(), moduleFiles("notes", "6.6.6", ""))
	if _, err := r.Install(ctx, a, InstallOptions{}); err != nil {
		t.Fatal(err)
	}

	// the same directory, spelled otherwise: no question
	same := []string{a + string(filepath.Separator), filepath.Join(a, "lib", "..")}
	// (wine makes links Windows programs cannot follow: Unix only, as elsewhere)
	if link := filepath.Join(t.TempDir(), "link"); runtime.GOOS != "windows" && os.Symlink(a, link) == nil {
		same = append(same, link)
	}
	for _, src := range same {
		if _, err := r.Install(ctx, src, InstallOptions{}); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
	}
	if len(asked) != 0 {
		t.Fatalf("the same source asked: %v", asked)
	}

	// another directory asking for less: refused without approval
	_, err := r.Install(ctx, b, InstallOptions{})
	var na *NeedsApprovalError
	if !errors.As(err, &na) || !errors.Is(err, ErrNeedsApproval) {
		t.Fatalf("another source: %v", err)
	}
	c := na.Change
	if !c.SourceChanged || c.FromSource != realPath(a) || c.ToSource != realPath(b) || c.Source != b || !c.Empty() {
		t.Fatalf("change %+v", c)
	}
	want := "notes is installed from " + realPath(a) + "; installing from " + realPath(b) + " replaces it (1.0 -> 6.6.6)"
	if c.String() != want || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q\nwant it to say %q", err, want)
	}
	if len(asked) != 1 || !asked[0].SourceChanged {
		t.Fatalf("Approve saw %+v", asked)
	}
	checkInstalled(t, r, "notes", "1.0")
	checkNothingLeft(t, r, "", "notes")

	// approved: installed from there, and updates from there are automatic
	answer = true
	if _, err := r.Install(ctx, b, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, r, "notes", "6.6.6")
	answer, asked = false, nil
	if _, err := r.Install(ctx, b, InstallOptions{}); err != nil || len(asked) != 0 {
		t.Fatalf("update from the new source: %v, asked %v", err, asked)
	}

	// back to the first one asking for more: both reasons shown; Yes
	// approves without asking
	_, err = r.Install(ctx, a, InstallOptions{})
	if !errors.As(err, &na) {
		t.Fatalf("back to the first source: %v", err)
	}
	want = "notes is installed from " + realPath(b) + "; installing from " + realPath(a) + " replaces it\nnotes 6.6.6 -> 1.0 asks for more:\n  + read: ./data/"
	if got := na.Change.String(); got != want {
		t.Fatalf("change:\n%s\nwant:\n%s", got, want)
	}
	asked = nil
	if _, err := r.Install(ctx, a, InstallOptions{Yes: true}); err != nil || len(asked) != 0 {
		t.Fatalf("Yes: %v, asked %v", err, asked)
	}
	checkInstalled(t, r, "notes", "1.0")

	// an archive is another source than the directory it was made from
	arch := filepath.Join(t.TempDir(), "notes.zip")
	var entries []zipEntry
	for name, body := range moduleFiles("notes", "1.0", perms) {
		entries = append(entries, zipEntry{name: name, body: body})
	}
	writeZip(t, arch, entries)
	if _, err := r.Install(ctx, arch, InstallOptions{}); !errors.Is(err, ErrNeedsApproval) || !strings.Contains(err.Error(), "installing from "+realPath(arch)) {
		t.Fatalf("archive: %v", err)
	}

	// a record that cannot be read: where the module came from is
	// unknown, so any source needs approval
	if _, err := r.db.System().Set(installedGroup, "notes", []byte("{")); err != nil {
		t.Fatal(err)
	}
	_, err = r.Install(ctx, a, InstallOptions{})
	if !errors.Is(err, ErrNeedsApproval) || !strings.Contains(err.Error(), "notes is installed from an unrecorded source; installing from "+realPath(a)) {
		t.Fatalf("unrecorded source: %v", err)
	}

	// a record from before origins were recorded compares its source
	old, _ := json.Marshal(map[string]any{"code": "notes", "version": "1.0", "source": a, "time": time.Now(), "permissions": map[string]any{"read": []string{"./data/"}}})
	if _, err := r.db.System().Set(installedGroup, "notes", old); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Install(ctx, a, InstallOptions{}); err != nil {
		t.Fatalf("legacy record, same source: %v", err)
	}
}

func TestSourceOrigin(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ in, want string }{
		{"https://Example.COM/team/repo", "https://example.com/team/repo"},
		{"https://user:secret@example.com/team/repo/", "https://example.com/team/repo"},
		{"ssh://git@example.com/team/repo", "ssh://example.com/team/repo"},
		{"HTTPS://example.com/team/Repo", "https://example.com/team/Repo"},
		{"git@example.com:team/repo", "git@example.com:team/repo"},
		{dir, realPath(dir)},
		{dir + "/./", realPath(dir)},
		{fileURL(dir), realPath(dir)},
	} {
		if got := sourceOrigin(c.in); got != c.want {
			t.Errorf("sourceOrigin(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if sourceOrigin("https://example.com/a/repo") == sourceOrigin("https://example.com/b/repo") {
		t.Error("two repositories have one origin")
	}
}

// TestInstallAnotherSigner: a module verified with a key at install is
// replaced by one verified with another key, or not verified at all, only
// with approval; the change names both keys.
func TestInstallAnotherSigner(t *testing.T) {
	pub1, priv1, _ := ed25519.GenerateKey(nil)
	pub2, priv2, _ := ed25519.GenerateKey(nil)
	root := filepath.Join(t.TempDir(), "app")
	os.Mkdir(root, 0o755)
	store := filepath.Join(t.TempDir(), "store.db")
	ctx := context.Background()
	src := t.TempDir()
	version := func(v string, priv ed25519.PrivateKey) string {
		writeTree(t, src, moduleFiles("notes", v, ""))
		if priv != nil {
			if err := manifest.Sign(src, priv); err != nil {
				t.Fatal(err)
			}
		}
		return src
	}
	open := func(key ed25519.PublicKey) *Runtime {
		return installRuntime(t, Options{AppRoot: root, StorePath: store, PublicKey: key})
	}

	r := open(pub1)
	if m, err := r.Install(ctx, version("1.0", priv1), InstallOptions{}); err != nil || !m.Signed {
		t.Fatalf("%+v, %v", m, err)
	}
	if _, err := r.Install(ctx, version("1.1", priv1), InstallOptions{}); err != nil {
		t.Fatalf("the same key: %v", err)
	}
	r.Close(ctx)

	// another key
	r = open(pub2)
	_, err := r.Install(ctx, version("1.2", priv2), InstallOptions{})
	var na *NeedsApprovalError
	if !errors.As(err, &na) || !na.Change.SignerChanged || na.Change.SourceChanged || na.Change.FromSigner != KeyID(pub1) || na.Change.ToSigner != KeyID(pub2) {
		t.Fatalf("another key: %v", err)
	}
	want := "notes was verified with key " + KeyID(pub1) + " at install; the new version is verified with key " + KeyID(pub2) + " (1.1 -> 1.2)"
	if got := na.Change.String(); got != want {
		t.Fatalf("change %q\nwant %q", got, want)
	}
	if list, _ := r.Installed(); len(list) != 1 || list[0].Version != "1.1" {
		t.Fatalf("installed after the refusal: %+v", list)
	}
	if _, err := r.Install(ctx, src, InstallOptions{Yes: true}); err != nil {
		t.Fatal(err)
	}
	r.Close(ctx)

	// no key now: not verified
	r = open(nil)
	_, err = r.Install(ctx, version("1.3", nil), InstallOptions{})
	if !errors.As(err, &na) || !strings.Contains(err.Error(), "verified with key "+KeyID(pub2)+" at install; the new version is not verified") {
		t.Fatalf("unverified: %v", err)
	}
	if _, err := r.Install(ctx, src, InstallOptions{Yes: true}); err != nil {
		t.Fatal(err)
	}
	// from unverified to verified needs nobody
	r.Close(ctx)
	r = open(pub1)
	if _, err := r.Install(ctx, version("1.4", priv1), InstallOptions{}); err != nil {
		t.Fatalf("a first signature: %v", err)
	}
	checkInstalled(t, r, "notes", "1.4")
}
