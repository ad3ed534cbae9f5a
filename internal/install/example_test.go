package install_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/corets/corets-wasm/internal/install"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// Install a module from a directory with the hooks a registry would give:
// here Load only says what it would start. An update from the same source
// asking for nothing more needs no approval.
func ExampleInstaller_Install() {
	ctx := context.Background()
	src, _ := os.MkdirTemp("", "notes")
	defer os.RemoveAll(src)
	os.Mkdir(filepath.Join(src, ".core"), 0o755)
	os.WriteFile(filepath.Join(src, ".core", "view.yml"), []byte("code: notes\nversion: \"1.0\"\n"), 0o644)
	os.WriteFile(filepath.Join(src, "main.ts"), []byte(`export const hello = (n: string) => "hello " + n;`), 0o644)
	root, _ := os.MkdirTemp("", "app")
	defer os.RemoveAll(root)

	in := &install.Installer{
		AppRoot: root,
		Store:   kv.OpenMemory(kv.Options{}),
		Hooks: install.Hooks{
			Check: func(dir string, m *manifest.Manifest) error { return nil }, // bundle, bind
			Load: func(ctx context.Context, dir string) error {
				fmt.Println("load", filepath.Base(filepath.Dir(dir))+"/"+filepath.Base(dir))
				return nil
			},
		},
	}
	m, err := in.Install(ctx, src, install.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println("installed", m.Code, m.Version)
	if _, err := in.Install(ctx, src, install.Options{}); err != nil {
		panic(err)
	}
	list, _ := in.List()
	fmt.Println(len(list), "installed")
	// Output:
	// load modules/notes
	// installed notes 1.0
	// load modules/notes
	// 1 installed
}
