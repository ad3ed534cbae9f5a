//go:build !unix

package manifest

import "os"

// syncDir does nothing where a directory cannot be opened for syncing
// (Windows). The file's own data was synced before the rename, so a crash
// leaves either the old manifest or the new one, never a torn file.
func syncDir(root *os.Root, dir string) error { return nil }
