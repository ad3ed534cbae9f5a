//go:build !unix

package cachefile

import "io/fs"

// checkKeyMode has nothing to check where permission bits do not say who
// may read a file (Windows: the user profile's ACLs apply).
func checkKeyMode(fs.FileInfo) error { return nil }
