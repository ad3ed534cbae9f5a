//go:build !unix

package modules

// isReadOnlyFS reports a read-only file system; elsewhere than Unix it
// shows as a permission error.
func isReadOnlyFS(error) bool { return false }
