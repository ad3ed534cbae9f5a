package main

import (
	"testing"

	"github.com/corets/corets-wasm/manifest"
)

// FuzzParseCapabilities: any file either parses into valid declarations
// or is refused with located errors; it never panics.
func FuzzParseCapabilities(f *testing.F) {
	for _, s := range []string{
		"email:\n  grant: x\n  pattern: '[a-z]+'\n  functions:\n    email.send: {async: true, result: [1, {a: b}]}\n",
		"email:\n", "a: &x {}\nb: *x\n", "- x\n", "email:\n  functions: {a.b: {error: ''}}\n", "{",
		"email:\n  pattern: '(?i)a{1000}{1000}'\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		caps, err := parseCapabilities("caps.yml", data)
		if err != nil {
			if _, ok := err.(manifest.ErrorList); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, c := range caps {
			if manifest.ValidCapability(c.name) != nil {
				t.Fatalf("accepted capability %q", c.name)
			}
		}
	})
}
