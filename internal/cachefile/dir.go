package cachefile

import (
	"os"
	"path/filepath"
)

// CacheDir is the product's default cache directory,
// <os.UserCacheDir>/corets-wasm, or "" when the system has none. It is the
// one place this is decided: wazero's compilation cache defaults to its
// "wazero" subdirectory, and the runtime keeps bundles beside it.
func Dir() string {
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "corets-wasm")
}
