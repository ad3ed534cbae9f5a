package caps

import (
	"testing"

	"github.com/corets/corets-wasm/manifest"
)

// caps spells the manifest's path itself (it imports nothing of ours);
// this ties the copy to the one definition.
func TestManifestFileIsManifestPath(t *testing.T) {
	if ManifestFile != manifest.Path {
		t.Fatalf("caps.ManifestFile = %q, manifest.Path = %q", ManifestFile, manifest.Path)
	}
}
