package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const emailManifest = "code: notes\nversion: \"1.0.0\"\npermissions:\n  email: [\"*@example.com\"]\n"

const emailMain = `export async function mail(to: string) {
  return await core.call("email.send", { to, subject: "hi\nthere \u001b[31m" });
}
export async function fail() {
  try { await core.call("email.fail", null); return "no error"; } catch (e) { return (e as Error).name + ": " + (e as Error).message; }
}
`

// The README's own example: permissions.email is an embedder's capability.
// Undeclared it is refused by every command that reads the manifest, with
// how to declare it; declared, they all accept it.
func TestCapabilityUndeclaredThenDeclared(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mod := writeModule(t, filepath.Join(dir, "notes"), emailManifest, emailMain)
	priv, pub := filepath.Join(dir, "k.key"), filepath.Join(dir, "k.pub")
	corets(t, "keygen", "--private", priv, "--public", pub).ok(t)
	root := t.TempDir()
	for _, args := range [][]string{
		{"check", mod},
		{"bundle", mod},
		{"sign", "--key", priv, mod},
		{"run", mod},
		{"install", "--root", root, mod},
	} {
		corets(t, args...).fails(t, exitConfig, `permissions.email: unknown key "email"`, "--capability email", capabilitiesFile)
	}
	if entries, _ := os.ReadDir(filepath.Join(root, "modules")); len(entries) != 0 {
		t.Errorf("a refused install left %v", entries)
	}

	corets(t, "check", "--capability", "email", mod).ok(t)
	if r := corets(t, "bundle", "--capability", "email", mod).ok(t); !strings.Contains(r.stdout, "email.send") {
		t.Errorf("bundle: %s", r.stdout)
	}
	corets(t, "sign", "--capability", "email", "--key", priv, mod).ok(t)
	corets(t, "verify", "--key", pub, mod).fails(t, exitConfig, `unknown key "email"`)
	corets(t, "verify", "--capability", "email", "--key", pub, mod).ok(t)
	corets(t, "check", "--capability", "email", "--key", pub, mod).ok(t)
	corets(t, "install", "--root", root, "--capability", "email", mod).ok(t)
	// declared without a stub, a call finds no function
	corets(t, "run", "--capability", "email", mod, "--call", "mail", "--input", `"a@example.com"`).failsWithStack(t, `no host function "email.send"`)
}

// A capabilities file in the app root declares the capability, the shape
// of its grant and stubs; the stubs answer and record every call.
func TestCapabilityStubs(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	mod := writeModule(t, filepath.Join(root, "notes"), emailManifest, emailMain)
	writeFiles(t, root, map[string]string{capabilitiesFile: `
email:
  grant: "addresses the module may mail, like *@example.com"
  pattern: '[^@\s]+@[^@\s]+'
  functions:
    email.send:
      async: true
      result: {sent: true, id: 7}
    email.fail:
      error: "quota exceeded"
`})
	r := corets(t, "run", "--root", root, mod, "--call", "mail", "--input", `"ada@example.com"`).ok(t)
	if r.stdout != "{\n  \"id\": 7,\n  \"sent\": true\n}\n" {
		t.Errorf("stdout %q", r.stdout)
	}
	var rec struct {
		Stub, Module string
		Arg          struct{ To, Subject string }
		Grants       []string
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(lines) != 1 || json.Unmarshal([]byte(lines[0]), &rec) != nil {
		t.Fatalf("stderr is not one JSON record:\n%s", r.stderr)
	}
	if rec.Stub != "email.send" || rec.Module != "notes" || rec.Arg.To != "ada@example.com" || rec.Arg.Subject != "hi\nthere \x1b[31m" || len(rec.Grants) != 1 || rec.Grants[0] != "*@example.com" {
		t.Errorf("record %+v", rec)
	}
	// a configured error; a --stub flag overrides the file; --stub-log
	r = corets(t, "run", "--root", root, mod, "--call", "fail").ok(t)
	if r.stdout != "\"Error: email.fail: quota exceeded\"\n" {
		t.Errorf("fail: %q", r.stdout)
	}
	log := filepath.Join(t.TempDir(), "calls.jsonl")
	r = corets(t, "run", "--root", root, "--stub", `email.send=[1,2]`, "--stub-log", log, mod, "--call", "mail", "--input", `"b@example.com"`).ok(t)
	if r.stdout != "[\n  1,\n  2\n]\n" || r.stderr != "" {
		t.Errorf("--stub: stdout %q stderr %q", r.stdout, r.stderr)
	}
	if b, _ := os.ReadFile(log); !strings.Contains(string(b), `"to":"b@example.com"`) {
		t.Errorf("--stub-log holds %q", b)
	}
	// call runs the installed module with the same stubs
	corets(t, "install", "--root", root, mod).ok(t)
	if r := corets(t, "call", "--root", root, "notes", "mail", `"c@example.com"`).ok(t); !strings.Contains(r.stderr, `"module":"notes"`) {
		t.Errorf("call: stderr %q", r.stderr)
	}

	// an entry that does not have the declared shape, at its line
	bad := writeModule(t, filepath.Join(root, "bad"), "code: bad\npermissions:\n  email:\n    - \"*@example.com\"\n    - everyone\n", emailMain)
	corets(t, "run", "--root", root, bad).fails(t, exitConfig, filepath.FromSlash("bad/.core/view.yml")+":5: permissions.email[1]", `"everyone" is not an entry of email`, `[^@\s]+@[^@\s]+`, capabilitiesFile+":2")
	corets(t, "check", "--capabilities", filepath.Join(root, capabilitiesFile), bad).fails(t, exitConfig, "permissions.email[1]")

	// a module not granted the capability is refused by the stub as by a
	// real function
	plain := filepath.Join(writeFiles(t, root, map[string]string{"plain.ts": emailMain}), "plain.ts")
	corets(t, "run", "--root", root, plain, "--call", "mail", "--input", `"x@example.com"`).failsWithStack(t, "PermissionDenied", "permissions.email")
	if r := corets(t, "run", "--root", root, plain, "--call", "mail", "--input", `"x@example.com"`); strings.Contains(r.stderr, "for this run only") {
		t.Errorf("a function's name offered as a grant: %s", r.stderr)
	}
}

func TestCapabilityBadDeclarations(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mod := writeModule(t, filepath.Join(dir, "notes"), emailManifest, emailMain)
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"email: [\n", []string{"caps.yml:", "did not find"}},
		{"- email\n", []string{"caps.yml:1: must be a mapping"}},
		{"Email:\n", []string{"caps.yml:1:1:", `"Email" is not a valid capability name`}},
		{"read:\n", []string{"caps.yml:1:1:", "built-in permission"}},
		{"email:\n  patern: x\n", []string{"caps.yml:2:3: email.patern:", "valid keys: grant, pattern, functions"}},
		{"email:\n  pattern: '('\n", []string{"caps.yml:2:12: email.pattern: is not a regular expression"}},
		{"email:\n  functions:\n    email.send:\n      async: maybe\n", []string{"caps.yml:4:14: email.functions.email.send.async: must be true or false"}},
		{"email:\nemail:\n", []string{"caps.yml:2:1: email: declared twice"}},
		{"email:\n  functions: {a.b: }\nother:\n  functions: {a.b: }\n", []string{"caps.yml:4:15:", "declared twice (also under email)"}},
	} {
		f := filepath.Join(t.TempDir(), "caps.yml")
		if err := os.WriteFile(f, []byte(tc.file), 0o644); err != nil {
			t.Fatal(err)
		}
		corets(t, "check", "--capabilities", f, mod).fails(t, exitConfig, tc.want...)
	}
	corets(t, "check", "--capabilities", filepath.Join(dir, "absent.yml"), mod).fails(t, exitNotFound, "--capabilities: ", "absent.yml")
	corets(t, "check", "--capabilities", dir, mod).fails(t, exitFailed, "--capabilities: ", "not a regular file")
	corets(t, "check", "--capability", "read", mod).fails(t, exitUsage, "--capability: ", "built-in permission")
	corets(t, "check", "--capability", "Email", mod).fails(t, exitUsage, "--capability: ", "not a valid capability name")
	corets(t, "run", "--stub", "email.send={", mod).fails(t, exitUsage, "--stub email.send: ", "not valid JSON")
	corets(t, "run", "--stub", "Email.send", mod).fails(t, exitUsage, "--stub Email.send: ")
}

// failsWithStack checks a failure whose first stderr line holds each of
// want (a JS exception, followed by its stack).
// (a module's PermissionDenied exits with exitPermission, any other
// exception with exitException).
func (r result) failsWithStack(t *testing.T, want ...string) {
	t.Helper()
	code := exitException
	if strings.Contains(strings.Join(want, " "), "PermissionDenied") {
		code = exitPermission
	}
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	first, _, _ := strings.Cut(r.stderr, "\n")
	for _, w := range want {
		if !strings.Contains(first, w) {
			t.Errorf("stderr %q does not say %q", first, w)
		}
	}
}

// status starts the installed modules with the app root's declared
// capabilities; without them a module granted one does not run.
func TestCapabilityStatus(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	mod := writeModule(t, filepath.Join(t.TempDir(), "notes"), emailManifest, emailMain)
	corets(t, "install", "--root", root, "--capability", "email", mod).ok(t)
	// (status does not list a module whose manifest does not read at all)
	if r := corets(t, "status", "--root", root); strings.Contains(r.stdout, "RUNNING") {
		t.Errorf("undeclared: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := corets(t, "status", "--root", root, "--capability", "email").ok(t); !strings.Contains(r.stdout, "RUNNING") {
		t.Errorf("declared:\n%s", r.stdout)
	}
}
