package install

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// gitTimeoutDelay is how long a cancelled clone's helpers (ssh, the
// remote helpers) get to let go of git's output before Wait gives up.
const gitTimeoutDelay = 5 * time.Second

// gitClone runs `git clone --depth 1` of location into dir (which must not
// exist), with no terminal prompts and only encrypted or local transports.
// The returned error carries git's own message.
func gitClone(ctx context.Context, location, ref, dir, shown string) error {
	git, err := exec.LookPath("git")
	if err != nil {
		return fmt.Errorf("installing from a git URL needs git on PATH: %w", err)
	}
	args := []string{"-c", "advice.detachedHead=false", "clone", "--quiet", "--depth", "1", "--no-tags"}
	if ref != "" {
		args = append(args, "--branch="+ref)
	}
	args = append(args, "--", location, dir)
	cmd := exec.CommandContext(ctx, git, args...)
	cmd.Dir = filepath.Dir(dir)
	cmd.Env = append(os.Environ(),
		"GIT_TERMINAL_PROMPT=0",
		"GIT_ALLOW_PROTOCOL=https:ssh:file",
		"GCM_INTERACTIVE=never",
	)
	cmd.WaitDelay = gitTimeoutDelay
	stderr := &tailBuffer{max: 4 << 10}
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("git clone: %w", ctx.Err())
		}
		// git's message, on one line, without the password it may echo
		msg := strings.Join(strings.Fields(stderr.String()), " ")
		if location != shown {
			msg = strings.ReplaceAll(msg, location, shown)
		}
		if msg == "" {
			return fmt.Errorf("git clone: %w", err)
		}
		return fmt.Errorf("git clone: %s (%w)", msg, err)
	}
	return nil
}

// checkRef refuses refs git would not take as a branch or tag name
// anyway, and any that could read as an option.
func checkRef(ref string) error {
	if ref == "" {
		return nil
	}
	if strings.HasPrefix(ref, "-") || strings.ContainsAny(ref, " ~^:?*[\\") || strings.Contains(ref, "..") {
		return fmt.Errorf("%w: %q is not a branch or tag name", ErrBadSource, ref)
	}
	for _, c := range ref {
		if c < 0x20 || c == 0x7f {
			return fmt.Errorf("%w: %q is not a branch or tag name", ErrBadSource, ref)
		}
	}
	return nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	max int
	buf bytes.Buffer
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	n := len(p)
	if len(p) > t.max {
		p = p[len(p)-t.max:]
	}
	if over := t.buf.Len() + len(p) - t.max; over > 0 {
		t.buf.Next(over)
	}
	t.buf.Write(p)
	return n, nil
}

func (t *tailBuffer) String() string { return t.buf.String() }
