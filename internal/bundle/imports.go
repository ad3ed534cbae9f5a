package bundle

import (
	"fmt"
	"regexp"
	"strings"
)

// nodeBuiltins is node's require("module").builtinModules (node 20), the
// names that resolve to Node's own modules with or without "node:". Names
// that exist only with the prefix (node:test, node:sea, node:sqlite) are
// covered by refusing every "node:" import.
var nodeBuiltins = []string{
	"_http_agent", "_http_client", "_http_common", "_http_incoming",
	"_http_outgoing", "_http_server", "_stream_duplex", "_stream_passthrough",
	"_stream_readable", "_stream_transform", "_stream_wrap", "_stream_writable",
	"_tls_common", "_tls_wrap", "assert", "assert/strict", "async_hooks",
	"buffer", "child_process", "cluster", "console", "constants", "crypto",
	"dgram", "diagnostics_channel", "dns", "dns/promises", "domain", "events",
	"fs", "fs/promises", "http", "http2", "https", "inspector",
	"inspector/promises", "module", "net", "os", "path", "path/posix",
	"path/win32", "perf_hooks", "process", "punycode", "querystring",
	"readline", "readline/promises", "repl", "stream", "stream/consumers",
	"stream/promises", "stream/web", "string_decoder", "sys", "timers",
	"timers/promises", "tls", "trace_events", "tty", "url", "util",
	"util/types", "v8", "vm", "wasi", "worker_threads", "zlib",
}

// refusedImportFilter selects the import paths the bundler looks at before
// esbuild resolves them: "node:" paths, the bare built-in names, and remote
// URLs (http:, https: and protocol-relative "//").
var refusedImportFilter = func() string {
	names := make([]string, len(nodeBuiltins))
	for i, n := range nodeBuiltins {
		names[i] = regexp.QuoteMeta(n)
	}
	return `^(?:node:.*|(?i:https?:).*|//.*|(?:` + strings.Join(names, "|") + `))$`
}()

func isRemoteImport(p string) bool {
	l := strings.ToLower(p)
	return strings.HasPrefix(l, "http:") || strings.HasPrefix(l, "https:") || strings.HasPrefix(p, "//")
}

// builtinText is the refusal of a Node built-in, with the CoreTS-Wasm way to
// do what the module wanted.
func builtinText(spec string) string {
	name := strings.TrimPrefix(spec, "node:")
	base, _, _ := strings.Cut(name, "/")
	var hint string
	switch base {
	case "fs":
		hint = "modules reach files through core.fileRead and core.fileWrite (see permissions.read and permissions.write)"
	case "child_process", "cluster", "worker_threads":
		hint = "modules start programs through core.processStart (see permissions.run)"
	case "http", "https", "http2", "_http_agent", "_http_client", "_http_common",
		"_http_incoming", "_http_outgoing", "_http_server", "net", "tls",
		"_tls_common", "_tls_wrap", "dgram", "dns":
		hint = "modules reach the network through the global fetch (see permissions.net)"
	case "crypto":
		hint = "use the global crypto.getRandomValues and crypto.randomUUID"
	case "timers":
		hint = "setTimeout and setInterval are globals"
	case "url", "querystring", "punycode":
		hint = "URL and URLSearchParams are globals"
	case "util", "string_decoder", "buffer":
		hint = "use TextEncoder, TextDecoder and Uint8Array, which are globals"
	case "console":
		hint = "console is a global"
	case "process", "os":
		hint = "modules get their settings from their arguments and the store (core.storeGet), not from the process"
	default:
		hint = "Node's APIs are not available to CoreTS-Wasm modules, but for " + providedList()
	}
	return fmt.Sprintf("%q is a Node built-in; %s", spec, hint)
}

func remoteText(spec string) string {
	return fmt.Sprintf("%q is a remote import; a module's code is bundled from its own directory only "+
		"(put the package in the module's node_modules, or use fetch at run time with permissions.net)", spec)
}

// providedList names the node:* modules CoreTS-Wasm provides (node.go).
func providedList() string {
	return "node:" + strings.Join(NodeModules(), ", node:")
}
