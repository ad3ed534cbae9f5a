package caps

import (
	"errors"
	"strings"
	"testing"
)

func TestProgramsRefuseBatchFiles(t *testing.T) {
	t.Parallel()
	lookPath := func(name string) (string, error) { return `C:\tools\` + name + ".CMD", nil }
	p, err := NewPrograms([]string{"npm"}, lookPath)
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Resolve("npm")
	if !errors.Is(err, ErrProgramNotFound) || !strings.Contains(err.Error(), "batch file") {
		t.Errorf("Resolve(npm) = %v", err)
	}
}
