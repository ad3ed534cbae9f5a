package install

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mod := writeTree(t, filepath.Join(dir, "mod"), map[string]string{"main.ts": ""})
	bare := filepath.Join(dir, "repo.git")
	os.Mkdir(bare, 0o755)
	for _, name := range []string{"a.tar.gz", "b.TGZ", "c.zip", "d.tar"} {
		os.WriteFile(filepath.Join(dir, name), nil, 0o644)
	}
	for _, c := range []struct {
		src  string
		kind sourceKind
	}{
		{"https://example.com/notes.git", sourceGit},
		{"ssh://git@example.com/notes.git", sourceGit},
		{"file:///srv/notes", sourceGit},
		{"git@example.com:team/notes.git", sourceGit},
		{"example.com:notes", sourceGit},
		{mod, sourceDir},
		{bare, sourceGit},
		{filepath.Join(dir, "a.tar.gz"), sourceTarGz},
		{filepath.Join(dir, "b.TGZ"), sourceTarGz},
		{filepath.Join(dir, "c.zip"), sourceZip},
		{filepath.Join(dir, "d.tar"), sourceTar},
	} {
		kind, _, err := classify(c.src)
		if err != nil || kind != c.kind {
			t.Errorf("classify(%q) = %v, %v; want %v", c.src, kind, err, c.kind)
		}
	}
	if _, loc, _ := classify(bare); !strings.HasPrefix(loc, "file:///") {
		t.Errorf("a bare repository path goes to git as %q", loc)
	}
	for _, src := range []string{"", "http://example.com/x.git", "git://example.com/x", "ext::sh -c evil",
		"https://example.com/x.zip", filepath.Join(dir, "missing"), "C:notes", "-oProxyCommand=evil:x"} {
		if kind, _, err := classify(src); !errors.Is(err, ErrBadSource) {
			t.Errorf("classify(%q) = %v, %v; want ErrBadSource", src, kind, err)
		}
	}
	if got := Shown("https://user:secret@example.com/x.git"); strings.Contains(got, "secret") {
		t.Errorf("Shown kept the password: %s", got)
	}
}

func TestInstallFromGit(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	a := newApp(t)
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
	m, err := a.Install(ctx, url, Options{Ref: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Source != url || m.Ref != "v1" {
		t.Fatalf("installed %+v", m)
	}
	checkInstalled(t, a, "notes", "1.0")
	if _, err := os.Lstat(filepath.Join(m.Dir, ".git")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf(".git was installed: %v", err)
	}

	// the default branch is the update to 2.0
	if _, err := a.Install(ctx, url, Options{}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, a, "notes", "2.0")
	checkNothingLeft(t, a, "", "notes")

	// a bare repository named *.git is a git source given as a path
	bare := filepath.Join(t.TempDir(), "notes.git")
	gitRun(t, filepath.Dir(bare), "clone", "-q", "--bare", repo, bare)
	// (another repository than the one installed from: approved)
	if _, err := a.Install(ctx, bare, Options{Ref: "v1", Yes: true}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, a, "notes", "1.0")

	// a ref that does not exist: git's message, nothing changed
	_, err = a.Install(ctx, url, Options{Ref: "nope"})
	if err == nil || !strings.Contains(err.Error(), "git clone") || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("missing ref: %v", err)
	}
	checkInstalled(t, a, "notes", "1.0")
	checkNothingLeft(t, a, "", "notes")
}

func TestInstallSourceErrors(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	ctx := context.Background()
	dir := writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", ""))
	notArchive := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notArchive, []byte("x"), 0o644)
	for _, c := range []struct {
		src string
		opt Options
	}{
		{"", Options{}},
		{"http://example.com/notes.git", Options{}},
		{"git://example.com/notes.git", Options{}},
		{"ftp://example.com/notes.git", Options{}},
		{"https://example.com/notes.tar.gz", Options{}},
		{filepath.Join(t.TempDir(), "missing"), Options{}},
		{notArchive, Options{}},
		{dir, Options{Ref: "main"}},
		{"https://example.com/notes.git", Options{Ref: "--upload-pack=evil"}},
		{a.AppRoot, Options{}},
		{filepath.Dir(a.AppRoot), Options{}},
	} {
		_, err := a.Install(ctx, c.src, c.opt)
		if !errors.Is(err, ErrBadSource) {
			t.Errorf("Install(%q, %+v) = %v, want ErrBadSource", c.src, c.opt, err)
		}
	}
	checkNothingLeft(t, a, "notes")
}

func TestSourceOrigin(t *testing.T) {
	t.Parallel()
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
