//go:build !windows

package install

import "path/filepath"

// filePathOf is the local path of a file URL's path.
func filePathOf(p string) string { return filepath.FromSlash(p) }
