//go:build unix

package caps

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A FIFO would block the host in open(2); it is refused before that.
func TestFSRefusesFIFO(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, []string{"data"}, []string{"data"})
	if err := syscall.Mkfifo(filepath.Join(fx.app, "data/fifo"), 0o644); err != nil {
		t.Skipf("no FIFO: %v", err)
	}
	if _, err := fx.fs.ReadFile("data/fifo", 10); fx.seen(err) == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("ReadFile(fifo) = %v", err)
	}
	if err := fx.fs.WriteFile("data/fifo", []byte("x")); fx.seen(err) == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("WriteFile(fifo) = %v", err)
	}
	if fi, err := fx.fs.Stat("data/fifo"); err != nil || fi.Mode.IsRegular() {
		t.Errorf("Stat(fifo) = %+v, %v", fi, err)
	}
}
