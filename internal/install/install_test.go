package install

import (
	"archive/zip"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/manifest"
)

func TestInstallFromArchives(t *testing.T) {
	t.Parallel()
	a := newApp(t)
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
	m, err := a.Install(ctx, tgz, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, a, "notes", "1.0")
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
	if _, err := a.Install(ctx, zipPath, Options{Yes: true}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, a, "notes", "1.1")

	// a .tgz of another module, no top-level directory
	var tentries []tarEntry
	for name, body := range moduleFiles("other", "3", "") {
		tentries = append(tentries, tarEntry{name: name, body: body})
	}
	tgz2 := filepath.Join(dir, "other.tgz")
	writeTarGz(t, tgz2, tentries)
	if _, err := a.Install(ctx, tgz2, Options{}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, a, "other", "3")
	checkNothingLeft(t, a, "", "notes", "other")
}

func TestInstallHostileArchives(t *testing.T) {
	t.Parallel()
	a := newApp(t)
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
		opt  Options
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
		{name: "tar-claims-too-much", tar: withGood(tarEntry{name: "big", size: DefaultMaxBytes + 1}), want: ErrInstallTooLarge},
		{name: "tar-gzip-bomb", tar: withGood(tarEntry{name: "zeros", zeros: 16 << 20}), opt: Options{MaxBytes: 1 << 20}, want: ErrInstallTooLarge},
		{name: "tar-too-many", tar: manyTar(200), opt: Options{MaxFiles: 100}, want: ErrInstallTooLarge},
		{name: "zip-dotdot", zip: withGoodZip(zipEntry{name: "../evil", body: "x"}), want: ErrUnsafeEntry},
		{name: "zip-absolute", zip: withGoodZip(zipEntry{name: "/tmp/evil", body: "x"}), want: ErrUnsafeEntry},
		{name: "zip-backslash", zip: withGoodZip(zipEntry{name: `lib\..\..\evil`, body: "x"}), want: ErrUnsafeEntry},
		{name: "zip-drive", zip: withGoodZip(zipEntry{name: `C:\evil`, body: "x"}), want: ErrUnsafeEntry},
		{name: "zip-symlink", zip: withGoodZip(zipEntry{name: "link", body: "../../..", mode: fs.ModeSymlink | 0o777}), want: ErrUnsafeEntry},
		{name: "zip-bomb", bomb: DefaultMaxBytes>>20 + 1, want: ErrInstallTooLarge},
		{name: "zip-bomb-lower-limit", zip: withGoodZip(zipEntry{name: "zeros", zeros: 16 << 20}), opt: Options{MaxBytes: 1 << 20}, want: ErrInstallTooLarge},
		{name: "zip-lying-bomb", zip: withGoodZip(zipEntry{name: "zeros", zeros: 16 << 20, lie: true}), opt: Options{MaxBytes: 1 << 20}, want: zip.ErrFormat},
		{name: "zip-too-many", zip: many(200), opt: Options{MaxFiles: 100}, want: ErrInstallTooLarge},
		{name: "zip-too-many-default", zip: many(DefaultMaxFiles), want: ErrInstallTooLarge},
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
			_, err := a.Install(ctx, p, c.opt)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			checkNothingLeft(t, a, "evil")
		})
	}
	// nothing was written beside the app root or the archives
	for _, d := range []string{filepath.Dir(a.AppRoot), dir, "/tmp"} {
		if _, err := os.Lstat(filepath.Join(d, "evil")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s/evil: %v", d, err)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(a.AppRoot))
	if len(entries) != 1 {
		t.Errorf("beside the app root: %v", entries)
	}
}

func TestInstallSigned(t *testing.T) {
	t.Parallel()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	otherPub, _, _ := ed25519.GenerateKey(nil)
	a := newApp(t, func(in *Installer) { in.PublicKey = pub })
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
	_, err = a.Install(ctx, dir, Options{})
	if !errors.Is(err, manifest.ErrBadSignature) {
		t.Fatalf("tampered: %v", err)
	}
	if strings.Contains(err.Error(), stagingPrefix) {
		t.Errorf("the error names the staging directory: %v", err)
	}
	checkNothingLeft(t, a, "notes")

	// unsigned
	_, err = a.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "")), Options{})
	if !errors.Is(err, manifest.ErrUnsigned) || !strings.Contains(err.Error(), "only signed modules") {
		t.Fatalf("unsigned: %v", err)
	}
	checkNothingLeft(t, a, "notes")

	// signed with the right key
	m, err := a.Install(ctx, signed("1.0"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !m.Signed {
		t.Fatalf("installed %+v", m)
	}
	checkInstalled(t, a, "notes", "1.0")

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
	if _, err := a.Install(ctx, tgz, Options{}); !errors.Is(err, manifest.ErrBadSignature) {
		t.Fatalf("tampered archive: %v", err)
	}
	checkInstalled(t, a, "notes", "1.0")
	checkNothingLeft(t, a, "", "notes")

	// signed with another key
	a2 := newApp(t, func(in *Installer) { in.PublicKey = otherPub })
	if _, err := a2.Install(ctx, signed("1.0"), Options{}); !errors.Is(err, manifest.ErrBadSignature) {
		t.Fatalf("other key: %v", err)
	}
	checkNothingLeft(t, a2, "notes")
}
