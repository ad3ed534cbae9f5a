package manifest_test

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/corets/corets-wasm/manifest"
)

func ExampleParse() {
	src := `code: greeter
name: Greeter
version: "1.0"
permissions:
  read: ["./data/"]
  env: [LANG]
limits:
  memory: 64MiB
  timeout: 30s
`
	m, err := manifest.Parse("greeter/.core/view.yml", []byte(src), manifest.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Code, m.Runtime, m.Permissions.Read, m.Limits.Memory, m.Limits.Timeout)
	fmt.Println("read is granted at", m.Pos("permissions.read"))

	// Every problem, each with file, line, column and key.
	_, err = manifest.Parse("greeter/.core/view.yml", []byte("code: Greeter\nversion: 1.0\npermissions:\n  raed: [x]\n"), manifest.Options{})
	fmt.Println(err)
	// Output:
	// greeter typescript [./data/] 67108864 30s
	// read is granted at greeter/.core/view.yml:5
	// greeter/.core/view.yml:1:7: code: "Greeter" contains 'G'; use 1 to 64 lowercase letters, digits, '-' and '_', starting with a letter or digit
	// greeter/.core/view.yml:2:10: version: must be a string; quote it: "1.0"
	// greeter/.core/view.yml:4:3: permissions.raed: unknown key "raed" (did you mean "read"?); valid keys under permissions: read, write, net, run, store, env
}

func ExampleLoad_capabilities() {
	dir, _ := os.MkdirTemp("", "module")
	defer os.RemoveAll(dir)
	os.Mkdir(filepath.Join(dir, ".core"), 0o755)
	os.WriteFile(filepath.Join(dir, ".core", "view.yml"), []byte("code: notifier\npermissions:\n  mail: [\"ops@example.com\"]\n"), 0o644)

	// The embedder's own capability names are allowed under permissions.
	m, err := manifest.Load(dir, manifest.Options{Capabilities: []string{"mail"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Permissions.Extra["mail"])

	// A module without a manifest: an error, or nothing granted.
	bare := filepath.Join(dir, "bare")
	os.Mkdir(bare, 0o755)
	_, err = manifest.Load(bare, manifest.Options{})
	fmt.Println(errors.Is(err, manifest.ErrNotFound))
	// Output:
	// [ops@example.com]
	// true
}

func ExampleSign() {
	dir, _ := os.MkdirTemp("", "module")
	defer os.RemoveAll(dir)
	os.Mkdir(filepath.Join(dir, ".core"), 0o755)
	os.WriteFile(filepath.Join(dir, ".core", "view.yml"), []byte("code: greeter\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "main.ts"), []byte("export function hi() { return 'hi' }\n"), 0o644)

	pub, priv, _ := ed25519.GenerateKey(nil)
	if err := manifest.Sign(dir, priv); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(manifest.Verify(dir, pub))

	// Change one byte of code after signing.
	os.WriteFile(filepath.Join(dir, "main.ts"), []byte("export function hi() { return 'ho' }\n"), 0o644)
	err := manifest.Verify(dir, pub)
	fmt.Println(errors.Is(err, manifest.ErrBadSignature))
	// Output:
	// <nil>
	// true
}
