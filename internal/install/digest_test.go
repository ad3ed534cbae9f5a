package install

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerify: an installed module is what was installed, or Verify says
// which files changed, were added or removed, and how to get out of it.
// A module that is not installed here is not checked.
func TestVerify(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	ctx := context.Background()
	m, err := a.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sums, err := a.Verify(m.Dir, "notes")
	if err != nil || len(sums) != 3 || sums["lib/greet.ts"] == "" {
		t.Fatalf("untouched: %v, %v", sums, err)
	}
	if err := CheckVerified("notes", sums, map[string]string{"lib/greet.ts": sums["lib/greet.ts"]}); err != nil {
		t.Fatalf("inputs as verified: %v", err)
	}
	if err := CheckVerified("notes", sums, map[string]string{"lib/greet.ts": strings.Repeat("0", 64)}); !errors.Is(err, ErrInstalledChanged) {
		t.Fatalf("an input changed since: %v", err)
	}

	greet := filepath.Join(m.Dir, "lib", "greet.ts")
	os.WriteFile(greet, []byte("export const greet = (n: string): string => `pwned ${n}`;\n"), 0o644)
	os.WriteFile(filepath.Join(m.Dir, "extra.ts"), []byte("x"), 0o644)
	os.Remove(filepath.Join(m.Dir, "main.ts"))
	_, err = a.Verify(m.Dir, "notes")
	if !errors.Is(err, ErrInstalledChanged) {
		t.Fatalf("changed: %v", err)
	}
	for _, want := range []string{`"notes"`, "changed lib/greet.ts", "added extra.ts", "removed main.ts", "reinstall"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q: %v", want, err)
		}
	}

	if !a.IsInstalledDir(m.Dir, "notes") || a.IsInstalledDir(t.TempDir(), "notes") {
		t.Error("IsInstalledDir does not tell the installed directory")
	}
	if sums, err := a.Verify(t.TempDir(), "other"); sums != nil || err != nil {
		t.Fatalf("not installed: %v, %v", sums, err)
	}
}

// TestVerifyRecordsAMissingDigest: a record from before digests were kept
// gets the current files' digest at its first check (trust on first load),
// and later changes are refused.
func TestVerifyRecordsAMissingDigest(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	m, err := a.Install(context.Background(), writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec, _, ok, err := a.record("notes")
	if err != nil || !ok || rec.Digest == "" || len(rec.Contents) != 4 {
		t.Fatalf("record %+v %v %v", rec, ok, err)
	}
	want := rec.Digest
	rec.Digest, rec.Contents = "", nil
	raw, _ := json.Marshal(rec)
	a.Store.System().Set(recordGroup, "notes", raw)
	if _, err := a.Verify(m.Dir, "notes"); err != nil {
		t.Fatalf("a record without a digest: %v", err)
	}
	if rec, _, _, _ := a.record("notes"); rec.Digest != want {
		t.Errorf("the digest recorded at first check is %q, want %q", rec.Digest, want)
	}
	os.WriteFile(filepath.Join(m.Dir, "main.ts"), []byte("x"), 0o644)
	if _, err := a.Verify(m.Dir, "notes"); !errors.Is(err, ErrInstalledChanged) {
		t.Fatalf("changed after the digest was recorded: %v", err)
	}
}
