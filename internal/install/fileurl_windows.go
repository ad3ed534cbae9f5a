package install

import "path/filepath"

// filePathOf is the local path of a file URL's path: "/C:/dir" names
// C:\dir.
func filePathOf(p string) string {
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return filepath.FromSlash(p)
}
