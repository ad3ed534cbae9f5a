package modules

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/corets/corets-wasm/kv"
)

// BenchmarkSharedInstallFollow measures an update installed on one
// runtime until another on the same store answers with it: the blobs
// written, the record watched, fetched, verified, swapped in, bundled and
// started.
//
//	go test ./modules -run '^$' -bench SharedInstallFollow -benchtime 20x
func BenchmarkSharedInstallFollow(b *testing.B) {
	ctx := context.Background()
	db := kv.OpenMemory(kv.Options{})
	b.Cleanup(func() { db.Close() }) // after the runtimes' cleanups
	a := sharedRuntime(b, db, Options{})
	f := sharedRuntime(b, db, Options{})
	src := filepath.Join(b.TempDir(), "notes")
	b.ResetTimer()
	for i := range b.N {
		version := fmt.Sprintf("1.%d", i)
		b.StopTimer()
		writeTree(b, src, sharedModule(version, ""))
		b.StartTimer()
		if _, err := a.Install(ctx, src, InstallOptions{}); err != nil {
			b.Fatal(err)
		}
		eventually(b, "the follower runs "+version, answers(f, version))
	}
}
