package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// progress shows the step a slow operation is at on one line of a
// terminal, rewritten in place (CR) with a spinner and the seconds
// elapsed, and erased when the step ends. Only a terminal gets it: on a
// pipe or a file newProgress returns nil, whose methods do nothing. The
// step's text is escaped like everything on a terminal.
type progress struct {
	w     io.Writer // the terminal, unescaped
	mu    sync.Mutex
	step  string
	start time.Time
	shown int // the width of what is on the line now
	frame int
	git   bool // gitSteps saw a clone
	stop  chan struct{}
	done  chan struct{}
}

// progressTick is how often the line is redrawn.
const progressTick = 250 * time.Millisecond

var spinner = []string{"-", "\\", "|", "/"}

func (c *cli) newProgress() *progress {
	if c.errPaint.tty == nil {
		return nil
	}
	p := &progress{w: c.errPaint.tty, stop: make(chan struct{}), done: make(chan struct{})}
	go p.run()
	return p
}

func (p *progress) run() {
	defer close(p.done)
	t := time.NewTicker(progressTick)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			p.draw()
			p.mu.Unlock()
		}
	}
}

// gitSteps is set for an install's Progress: it shows the steps of an
// install from git (a clone can take long); other sources are local and
// quick, and show nothing.
func (p *progress) gitSteps(step string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	if strings.HasPrefix(step, "cloning ") {
		p.git = true
	}
	git := p.git
	p.mu.Unlock()
	if git {
		p.set(step)
	}
}

// set starts step ("" ends the one shown).
func (p *progress) set(step string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if step != p.step {
		p.step, p.start = step, time.Now()
	}
	p.draw()
}

// draw writes the line, or erases it when there is no step; p.mu is held.
func (p *progress) draw() {
	line := ""
	if p.step != "" {
		p.frame = (p.frame + 1) % len(spinner)
		line = fmt.Sprintf("%s %s... %ds", spinner[p.frame], escapeTerminal(p.step), int(time.Since(p.start).Seconds()))
	}
	n := utf8.RuneCountInString(line)
	pad := ""
	if n < p.shown {
		pad = strings.Repeat(" ", p.shown-n)
	}
	if line == "" && p.shown == 0 {
		return
	}
	io.WriteString(p.w, "\r"+line+pad)
	if line == "" {
		io.WriteString(p.w, "\r")
	}
	p.shown = n
}

// end erases the line and stops redrawing.
func (p *progress) end() {
	if p == nil {
		return
	}
	close(p.stop)
	<-p.done
	p.set("")
}
