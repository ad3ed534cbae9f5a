package modules_test

import (
	"github.com/corets/corets-wasm/modules"
	"github.com/corets/corets-wasm/modules/wasmplugin"
)

// The hostile corpus has wasm cases (wasm-counts): its runtime enables
// wasm plugins as the command line does.
func init() { modules.SetWasmPluginsForTests(wasmplugin.New()) }
