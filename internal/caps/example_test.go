package caps_test

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/corets/corets-wasm/internal/caps"
)

func ExampleCleanPath() {
	for _, p := range []string{"./data//logs/", "data/../data/x", "../etc/passwd", `C:\Windows`, "nul.txt"} {
		rel, err := caps.CleanPath(p)
		fmt.Printf("%q %v\n", rel, err)
	}
	// Output:
	// "data/logs" <nil>
	// "data/x" <nil>
	// "" path "../etc/passwd" is refused: the path leaves the app root
	// "" path "C:\\Windows" is refused: the path starts with a drive letter
	// "" path "nul.txt" is refused: "nul.txt" is a reserved device name on Windows
}

func ExamplePathSet_Check() {
	read, err := caps.NewPathSet("read", []string{"./data/"})
	if err != nil {
		panic(err)
	}
	for _, p := range []string{"data/report.csv", "data-secrets/key", "data/../secrets/key"} {
		rel, err := read.Check(p)
		fmt.Printf("%q %v\n", rel, err)
	}
	// Output:
	// "data/report.csv" <nil>
	// "" read "data-secrets/key" is not granted (add it to permissions.read in .core/view.yml)
	// "" read "data/../secrets/key" is not granted (add it to permissions.read in .core/view.yml)
}

func ExampleOpenFS() {
	app, _ := os.MkdirTemp("", "app")
	defer os.RemoveAll(app)
	os.MkdirAll(filepath.Join(app, "data"), 0o755)

	files, err := caps.OpenFS(app, []string{"data"}, []string{"data"})
	if err != nil {
		panic(err)
	}
	defer files.Close()

	fmt.Println(files.WriteFile("data/hello.txt", []byte("hi")))
	b, err := files.ReadFile("data/hello.txt", 1<<20)
	fmt.Printf("%s %v\n", b, err)
	_, err = files.ReadFile("data/hello.txt", 1)
	fmt.Println(err)
	fmt.Println(files.WriteFile("secrets.txt", nil))
	// Output:
	// <nil>
	// hi <nil>
	// read "data/hello.txt": the file is larger than the limit of 1 bytes
	// write "secrets.txt" is not granted (add it to permissions.write in .core/view.yml)
}

func ExampleNetPolicy_CheckURL() {
	policy, err := caps.NewNetPolicy([]string{"api.example.com:443", "https://cdn.example.com/assets", "127.0.0.1:8080"})
	if err != nil {
		panic(err)
	}
	for _, raw := range []string{
		"https://api.example.com/v2/items",
		"https://cdn.example.com/assets/logo.png",
		"https://cdn.example.com/assets/../private",
		"http://127.0.0.1:8080/health",
		"http://169.254.169.254/latest/meta-data/",
	} {
		u, _ := url.Parse(raw)
		fmt.Println(policy.CheckURL(u))
	}
	// Output:
	// <nil>
	// <nil>
	// net "https://cdn.example.com/assets/../private" is refused: the path is not under the granted prefix /assets (add it to permissions.net in .core/view.yml)
	// <nil>
	// net "http://169.254.169.254/latest/meta-data/" is refused: 169.254.169.254 is a cloud metadata address (grant the literal address in permissions.net in .core/view.yml)
}

func ExampleCheckGroup() {
	shared := []string{"shared-settings"}
	for _, g := range []string{"cache", "shared-settings", "_modules"} {
		scope, err := caps.CheckGroup(g, shared)
		fmt.Println(g, scope, err)
	}
	// Output:
	// cache own <nil>
	// shared-settings shared <nil>
	// _modules own store "_modules" is refused: groups beginning with _ are reserved for the runtime
}
