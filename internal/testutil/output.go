package testutil

import (
	"strings"
	"sync"
)

// Output collects a runtime's console output (its Output option) as
// "module level: text" lines, safe for the goroutines of many modules.
type Output struct {
	mu    sync.Mutex
	lines []string
}

// Add is an Output function: modules.Options{Output: out.Add}.
func (o *Output) Add(module, level, text string) {
	o.mu.Lock()
	o.lines = append(o.lines, module+" "+level+": "+text)
	o.mu.Unlock()
}

// String is every line so far, joined by newlines.
func (o *Output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return strings.Join(o.lines, "\n")
}
