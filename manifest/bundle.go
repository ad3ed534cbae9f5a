package manifest

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// Bundle is how a TypeScript module's code is bundled. The zero value
// bundles as node runs the same code: process.env.NODE_ENV is undefined.
type Bundle struct {
	// NodeEnv (node_env) is the string process.env.NODE_ENV reads in the
	// module's code and its packages, replaced when bundling (React, immer
	// and others print their short production messages for "production").
	// "" leaves it undefined, as node does when the variable is unset.
	NodeEnv string
}

// bundleKeys are the keys under bundle.
var bundleKeys = []string{"node_env"}

// MaxNodeEnv is the longest bundle.node_env accepted, in bytes.
const MaxNodeEnv = 64

// checkNodeEnv is "" for a valid bundle.node_env, else why not.
func checkNodeEnv(s string) string {
	if s == "" {
		return "must not be empty (leave the key out to keep process.env.NODE_ENV undefined)"
	}
	if len(s) > MaxNodeEnv {
		return fmt.Sprintf("is %d bytes; at most %d are allowed", len(s), MaxNodeEnv)
	}
	return checkText(s)
}

// wasmBundleMsg refuses bundle for runtime: wasm, which is not bundled.
const wasmBundleMsg = "is not supported for runtime: wasm (a wasm module is not bundled)"

func (p *parser) bundle(v *yaml.Node, path string) {
	if isNull(v) {
		return
	}
	if v.Kind != yaml.MappingNode {
		p.failf(v, path, "must be a mapping (node_env: production), not a %s", kindName(v))
		return
	}
	p.mapping(v, path, bundleKeys, false, func(key, path string, k, v *yaml.Node) {
		switch key {
		case "node_env":
			if v.Kind != yaml.ScalarNode {
				p.failf(v, path, "must be a string such as production or development, not a %s", kindName(v))
				return
			}
			if v.ShortTag() != "!!str" {
				p.failf(v, path, "must be a string such as production or development; quote it (%q)", truncate(v.Value, 64))
				return
			}
			if msg := checkNodeEnv(v.Value); msg != "" {
				p.fail(v, path, msg)
				return
			}
			p.m.Bundle.NodeEnv = v.Value
		}
	})
}
