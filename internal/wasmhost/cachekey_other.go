//go:build !unix

package wasmhost

import "io/fs"

// checkKeyMode has nothing to check where permission bits do not say who
// may read a file (Windows: the user profile's ACLs apply).
func checkKeyMode(fs.FileInfo) error { return nil }
