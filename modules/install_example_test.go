package modules_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/corets/corets-wasm/modules"
)

// Install a module from a directory (a git URL or a .tar.gz or .zip
// archive works the same), call it, list it and remove it.
func ExampleRuntime_Install() {
	ctx := context.Background()
	src, _ := os.MkdirTemp("", "notes")
	defer os.RemoveAll(src)
	os.Mkdir(filepath.Join(src, ".core"), 0o755)
	os.WriteFile(filepath.Join(src, ".core", "view.yml"), []byte("code: notes\nversion: \"1.0\"\n"), 0o644)
	os.WriteFile(filepath.Join(src, "main.ts"), []byte(`export const hello = (n: string) => "hello " + n;`), 0o644)

	root, _ := os.MkdirTemp("", "app")
	defer os.RemoveAll(root)
	r, err := modules.Open(ctx, modules.Options{AppRoot: root, MemoryStore: true, NoDiskCache: true})
	if err != nil {
		panic(err)
	}
	defer r.Close(ctx)

	m, err := r.Install(ctx, src, modules.InstallOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println("installed", m.Code, m.Version, "in", filepath.Base(filepath.Dir(m.Dir)))
	out, _ := r.Call(ctx, "notes", "hello", "ada")
	fmt.Println(string(out))
	list, _ := r.Installed()
	fmt.Println(len(list), "installed")
	if err := r.Remove(ctx, "notes"); err != nil {
		panic(err)
	}
	list, _ = r.Installed()
	fmt.Println(len(list), "installed")
	// Output:
	// installed notes 1.0 in modules
	// "hello ada"
	// 1 installed
	// 0 installed
}
