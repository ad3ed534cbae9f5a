package bundle

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
)

// TestCachePoisoned is hostile case "bundle-cache-poisoned" (issue 10,
// escape 2) at the cache: a module that can write the bundle cache
// directory rewrites the victim's cached bundle with its own code, with
// every checksum it can compute (the record's key, an xxhash, a seal under
// a guessed key, the victim's own seal), or puts its own genuine record in
// the victim's place. Each time, the victim's next Build in a new process
// (a new Cache) must discard the file and bundle the victim's own code.
// modules.TestBundleCachePoisoned does the same through a Runtime with a
// signed victim.
func TestCachePoisoned(t *testing.T) {
	root, cacheDir := t.TempDir(), t.TempDir()
	write := func(name, who string) string {
		dir := filepath.Join(root, name)
		os.MkdirAll(dir, 0o755)
		if err := os.WriteFile(filepath.Join(dir, "main.ts"), []byte("export const who = () => \""+who+"\";\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	victim, attacker := write("victim", "victim"), write("attacker", "attacker")
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	// build bundles a module as a new process would: nothing in memory
	build := func(dir, module string) *Result {
		t.Helper()
		b, err := Build(dir, Options{Module: module, Cache: NewCache(cacheDir, log)})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	build(victim, "victim")
	files, _ := filepath.Glob(filepath.Join(cacheDir, "*.bundle"))
	if len(files) != 1 {
		t.Fatalf("cache files %q, want the victim's", files)
	}
	victimFile := files[0]
	if b := build(victim, "victim"); !b.Cached {
		t.Fatal("the victim's bundle was not read back from disk")
	}
	good, _ := os.ReadFile(victimFile)
	_, goodBody, _ := bytes.Cut(good, []byte("\n"))

	ab := build(attacker, "attacker")
	files, _ = filepath.Glob(filepath.Join(cacheDir, "*.bundle"))
	attackerFile := files[0]
	if attackerFile == victimFile {
		attackerFile = files[1]
	}
	attackerRecord, _ := os.ReadFile(attackerFile)

	// forged is the victim's record with the attacker's code and every key
	// and checksum the attacker can compute recomputed
	rec, err := decodeRecord(goodBody)
	if err != nil {
		t.Fatal(err)
	}
	rec.Code, rec.SourceMap = ab.Code, ""
	rec.Key = rec.computeKey()
	forged, _ := encodeRecord(rec)
	cases := []struct {
		name string
		data []byte
	}{
		{"the attacker's code with a recomputed xxhash", fmt.Appendf(nil, "corets-bundle-cache 1 %016x\n%s", xxhash.Sum64(forged), forged)},
		{"the attacker's code sealed with a guessed key", fmt.Appendf(nil, "%s %x\n%s", bundleFileMagic, sealBundle(make([]byte, 32), victimFile, forged), forged)},
		{"the attacker's code under the victim's genuine seal", fmt.Appendf(nil, "%s\n%s", bytes.SplitN(good, []byte("\n"), 2)[0], forged)},
		{"the attacker's genuine record in the victim's place", attackerRecord},
	}
	for _, c := range cases {
		if err := os.WriteFile(victimFile, c.data, 0o600); err != nil {
			t.Fatal(err)
		}
		logged.Reset()
		b := build(victim, "victim")
		if b.Cached || strings.Contains(b.Code, `"attacker"`) || !strings.Contains(b.Code, `"victim"`) {
			t.Errorf("%s: cached %v, code:\n%s", c.name, b.Cached, b.Code)
		}
		if now, _ := os.ReadFile(victimFile); !bytes.Equal(now, good) {
			t.Errorf("%s: the poisoned file was not replaced by the victim's record", c.name)
		}
		if !strings.Contains(logged.String(), "failed verification") {
			t.Errorf("%s: nothing logged: %q", c.name, logged.String())
		}
	}
}

// A record's code and source map follow its JSON as they are: lengths that
// do not add up are refused (a sealed file holds none, but decoding never
// trusts them).
func TestRecordEncoding(t *testing.T) {
	rec := &bundleRecord{Format: "f", Dir: "/m", Code: "var a = \"\\n\";\n", SourceMap: `{"version":3}`,
		Files: []fileRecord{{Path: "main.ts"}}}
	body, err := encodeRecord(rec)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeRecord(body)
	if err != nil || back.Code != rec.Code || back.SourceMap != rec.SourceMap || back.Dir != rec.Dir || len(back.Files) != 1 {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
	meta, _, _ := bytes.Cut(body, []byte("\n"))
	for _, bad := range [][]byte{
		body[:len(body)-1],
		append(append([]byte(nil), body...), 'x'),
		meta,
		bytes.Replace(body, []byte(`"codeBytes":14`), []byte(`"codeBytes":-1`), 1),
		bytes.Replace(body, []byte(`"codeBytes":14`), []byte(`"codeBytes":99`), 1),
	} {
		if _, err := decodeRecord(bad); err == nil {
			t.Errorf("decoded %q", bad)
		}
	}
}
