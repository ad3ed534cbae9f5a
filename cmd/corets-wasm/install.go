package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/corets/corets-wasm/modules"
)

var installCommand = &command{
	name:    "install",
	args:    "SRC [flags]",
	summary: "install a module into the app root from a directory, an archive or git",
	help: `Installs the module in SRC into DIR/modules/CODE and records it in the
store. SRC is a module directory, a .tar.gz, .tgz or .zip archive, or a git
URL (cloned shallowly with the system's git; --ref picks a branch, tag or
commit). The manifest is validated and the code bundled before anything is
moved into place, so a failed install leaves nothing behind. With --key,
the module must be signed with that key's private key.

Installing a new version of an installed module that asks for more
permissions or higher limits, or that comes from another source (another
directory, archive or repository than the installed module came from:
whoever wrote it can claim any module's code), or that is verified with
another --key than the installed one was (or with none), shows what
changes and needs approval: --yes, or an answer at the prompt when stdin is a
terminal.

Installing from git on a terminal, stderr shows the step the install is at
(cloning, checking) with the seconds it has taken, erased when done.

A manifest's embedder capabilities must be declared, as for check (see
'corets-wasm check --help'); their declared patterns are checked when SRC
is a directory.`,
	setup: setupInstall,
}

func setupInstall(fs *flag.FlagSet) runFunc {
	ref := fs.String("ref", "", "for a git SRC: the branch, tag or commit `REF` to install (default: the default branch)")
	yes := fs.Bool("yes", false, "approve an update that asks for more permissions or higher limits than the installed version, or comes from another source")
	rf := addRuntimeFlags(fs, false, true)
	cf := addCapFlags(fs, false, &rf.root)
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 1, 1, "SRC, a module directory, a .tar.gz or .zip archive, or a git URL"); err != nil {
			return err
		}
		opts, err := rf.options()
		if err != nil {
			return err
		}
		opts.SkipInstalled = true
		opts.Output = c.output(true)
		cs, err := cf.load()
		if err != nil {
			return err
		}
		opts.Capabilities = cs.names()
		if err := cs.checkManifest(peekManifest(args[0], cs)); err != nil {
			return err
		}
		if !*yes && isTerminal(c.stdin) {
			opts.Approve = c.askApproval
		}
		r, err := rf.open(ctx, c, opts)
		if err != nil {
			return err
		}
		defer rf.close(r)
		prog := c.newProgress()
		m, err := r.Install(ctx, args[0], modules.InstallOptions{Ref: *ref, Yes: *yes, Progress: prog.gitSteps})
		prog.end()
		if errors.Is(err, modules.ErrNeedsApproval) {
			return fmt.Errorf("%w\n(run again with --yes to approve)", err)
		}
		if err != nil {
			return undeclaredHint(err)
		}
		what := m.Code
		if m.Version != "" {
			what += " " + m.Version
		}
		fmt.Fprintf(c.stdout, "installed %s from %s into %s\n", what, m.Source, m.Dir)
		return nil
	}
}

// askApproval shows an update's change on stderr and asks on stdin.
func (c *cli) askApproval(ctx context.Context, ch modules.Change) (bool, error) {
	fmt.Fprintf(c.stderr, "%s\nApprove? [y/N] ", ch.String())
	line, err := bufio.NewReader(c.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return false, err
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true, nil
	}
	return false, nil
}
