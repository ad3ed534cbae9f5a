package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Harness holds the checkout's harness files, read once.
type Harness struct {
	dir   string
	mu    sync.Mutex
	files map[string]string
}

func NewHarness(dir string) *Harness {
	return &Harness{dir: dir, files: map[string]string{}}
}

// Get returns harness/name's text.
func (h *Harness) Get(name string) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if s, ok := h.files[name]; ok {
		return s, nil
	}
	if filepath.Base(name) != name || filepath.Ext(name) != ".js" {
		return "", fmt.Errorf("harness file %q: not a file name of harness/", name)
	}
	b, err := os.ReadFile(filepath.Join(h.dir, name))
	if err != nil {
		return "", fmt.Errorf("harness file %s: %v", name, err)
	}
	h.files[name] = string(b)
	return string(b), nil
}

// Includes is the list of harness files a test runs after, in
// run-test262's order: sta.js, assert.js, the test's includes, and
// doneprintHandle.js for an async test.
func Includes(m Meta) []string {
	list := []string{"sta.js", "assert.js"}
	for _, inc := range m.Includes {
		if !contains(list, inc) {
			list = append(list, inc)
		}
	}
	if m.Flags["async"] && !contains(list, "doneprintHandle.js") {
		list = append(list, "doneprintHandle.js")
	}
	return list
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
