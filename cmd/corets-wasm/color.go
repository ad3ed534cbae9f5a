package main

import (
	"fmt"
	"io"
	"os"
)

// Colours: the command's own markers ("corets-wasm:" before an error,
// "ok:", "note:") are coloured when their stream is a terminal, unless
// NO_COLOR is set to anything (https://no-color.org) or TERM is "dumb".
// Only the marker is coloured, with SGR sequences the command writes
// itself; the text after it is escaped as everything on a terminal is
// (terminalWriter), so nothing a module wrote can colour or move anything.

// SGR sequences for the markers.
const (
	sgrError = "\x1b[1;31m" // bold red
	sgrOK    = "\x1b[32m"   // green
	sgrNote  = "\x1b[33m"   // yellow
	sgrInfo  = "\x1b[36m"   // cyan
	sgrReset = "\x1b[0m"
)

// colorWanted says whether a terminal stream gets colours, by the
// environment.
func colorWanted(tty bool, getenv func(string) string) bool {
	return tty && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb" && enableColor()
}

// painter writes lines whose marker may be coloured: raw is the stream
// before escaping (nil: no colours), esc the escaping one.
type painter struct {
	raw, esc io.Writer
	tty      io.Writer // the stream unescaped when it is a terminal, colours or not (progress)
}

// line writes "marker text\n" in one write, the marker coloured with sgr
// when colours are on.
func (p painter) line(sgr, marker, text string) {
	if p.raw == nil {
		fmt.Fprintf(p.esc, "%s %s\n", marker, text)
		return
	}
	io.WriteString(p.raw, sgr+marker+sgrReset+" "+escapeTerminal(text)+"\n")
}

// errLine and outLine write a marked line on stderr and stdout.
func (c *cli) errLine(sgr, marker, text string) { c.errPaint.orPlain(c.stderr).line(sgr, marker, text) }
func (c *cli) outLine(sgr, marker, text string) { c.outPaint.orPlain(c.stdout).line(sgr, marker, text) }

// orPlain is p, or a painter without colours writing to w when p was
// never set (a cli made by a test).
func (p painter) orPlain(w io.Writer) painter {
	if p.esc == nil {
		return painter{esc: w}
	}
	return p
}

// painters makes the cli's painters from the raw streams.
func (c *cli) setPainters(rawOut, rawErr io.Writer) {
	c.outPaint, c.errPaint = painter{esc: c.stdout}, painter{esc: c.stderr}
	if colorWanted(c.stdoutTTY, os.Getenv) {
		c.outPaint.raw = rawOut
	}
	if colorWanted(c.stderrTTY, os.Getenv) {
		c.errPaint.raw = rawErr
	}
	if c.stderrTTY {
		c.errPaint.tty = rawErr
	}
}
