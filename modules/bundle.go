package modules

import (
	"log/slog"

	"github.com/corets/corets-wasm/internal/bundle"
	"github.com/corets/corets-wasm/internal/sourcemap"
)

// Bundling is internal/bundle's job; these are its public names, for cmd's
// bundle and check commands and for embedders that bundle without a
// Runtime. A Runtime bundles the modules it loads itself, with its own
// cache.

// BundleOptions configures Bundle: the entry file, minification, the
// module's code and a cache.
type BundleOptions = bundle.Options

// Bundled is a module's code ready for the engine, with its source map and
// the inputs it was made from.
type Bundled = bundle.Result

// BundleError is a failed bundle: located messages (file, line, column,
// the line's text, notes), rendered as esbuild renders them.
type BundleError = bundle.Error

// BundleMessage is one message of a BundleError, or a warning.
type BundleMessage = bundle.Message

// BundleCache keeps bundles between calls of Bundle, in memory and, with a
// directory, on disk (sealed with a key kept in that directory).
type BundleCache = bundle.Cache

// DefaultEntries are the entry files tried in order when
// BundleOptions.Entry is "".
var DefaultEntries = bundle.DefaultEntries

// Bundling limits; see SECURITY.md.
const (
	// MaxBundleInputBytes bounds the total size of a module's inputs.
	MaxBundleInputBytes = bundle.MaxInputBytes
	// MaxBundleNesting is how deep a module's source or JSON file may nest.
	MaxBundleNesting = bundle.MaxNesting
	// MaxBundleArrowNesting is how many arrow functions may nest.
	MaxBundleArrowNesting = bundle.MaxArrowNesting
	// MaxBundleJSXTags bounds the "<" before a name in a .jsx or .tsx file.
	MaxBundleJSXTags = bundle.MaxJSXTags
)

// Bundle bundles the module in dir with esbuild: only files inside dir
// (its node_modules included) may be imported, never a Node built-in, a
// remote URL or a path that leads out of dir; a refusal or a syntax error
// is a *BundleError naming the file and line. With opt.Cache, a module
// whose inputs did not change is not bundled again. Bundle is safe for
// concurrent use.
func Bundle(dir string, opt BundleOptions) (*Bundled, error) {
	return bundle.Build(dir, opt)
}

// NewBundleCache returns an empty bundle cache; dir "" keeps bundles in
// memory only. log receives what the cache cannot do; nil logs to
// slog.Default().
func NewBundleCache(dir string, log *slog.Logger) *BundleCache {
	return bundle.NewCache(dir, log)
}

// SourceMap is a parsed version 3 source map, as esbuild writes it: enough
// to map a bundle's stack back to the module's files and lines.
type SourceMap = sourcemap.Map

// ParseSourceMap parses a version 3 source map, such as Bundled.SourceMap.
// Its errors wrap ErrSourceMap.
func ParseSourceMap(data []byte) (*SourceMap, error) {
	return sourcemap.Parse(data)
}
