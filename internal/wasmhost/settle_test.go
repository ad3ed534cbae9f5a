package wasmhost

import (
	"context"
	"os"
	"os/exec"
	"sync"
	"testing"
)

// Two runtimes and a disk cache made at once, in a process that has made
// none, do not race on wazero's version (Settle). The child process is this
// test binary: under -race it reports a race by failing.
func TestFirstRuntimesAtOnce(t *testing.T) {
	if os.Getenv("CORETS_SETTLE_CHILD") == "1" {
		ctx := context.Background()
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				if i%4 == 3 {
					c, err := OpenDiskCache(t.TempDir(), nil)
					if err != nil {
						t.Error(err)
						return
					}
					c.Close(ctx)
					return
				}
				r, err := New(ctx, Config{NoDiskCache: true})
				if err != nil {
					t.Error(err)
					return
				}
				r.Close(ctx)
			}()
		}
		close(start)
		wg.Wait()
		return
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestFirstRuntimesAtOnce$", "-test.count=1")
	cmd.Env = append(os.Environ(), "CORETS_SETTLE_CHILD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
}
