package jsengine

import (
	"fmt"

	"github.com/tetratelabs/wazero/api"
)

// The numbers and names this package shares with the C bridge
// (engine/src/bridge.c). They are spelled on both sides; bridge_test.go
// parses bridge.c and fails when the two disagree or when C grows an integer
// the Go side does not account for.

// Status codes of the bridge's exports (ST_*).
const (
	stOK          = 0
	stException   = 1
	stPending     = 2
	stOOM         = 3
	stInterrupted = 4
	stError       = 5
	// stTrap is ours: the export call itself failed (a wasm trap).
	stTrap = -1
)

// Payload kinds of host calls and replies (HC_*).
const (
	hcString    = 0
	hcBytes     = 1
	hcUndefined = 2
	hcError     = 3
	hcAsync     = 4
)

// bridge_eval flags (EVAL_*).
const (
	evalCompileOnly = 1
	evalBytecode    = 2
	evalPrelude     = 4
	evalResult      = 8
	evalWithHost    = 16
	evalStrip       = 32
	// evalModule: an ES module (module.go); evalDefaultExports: its
	// default export is its exports
	evalModule         = 64
	evalDefaultExports = 128
)

// What bridge_run runs (RUN_*).
const (
	runCall       = 0 // a call with a JSON array of arguments
	runCallPacked = 1 // a call with packed arguments (args.go)
	runEval       = 2 // a script, as bridge_eval
)

// Where bridge_run stopped (STAGE_*): its status is this step's.
const (
	stageCall  = 0 // the call or the script failed
	stageJobs  = 1 // bridge_jobs did not finish (an unhandled rejection to report, or an error)
	stageState = 2 // bridge_call_state's status
)

// The bridge's exports, by index into exportNames.
type export int

const (
	exEval export = iota
	exCallState
	exCallDrop
	exJobs
	exTimer
	exSettle
	exMalloc
	exFree
	exFuelSet
	exFuelUsed
	exMemUsed
	exInit
	exOut
	exStart
	exGC
	exRun
	exConformance // test262.go: only the conformance runner
	numExports
)

var exportNames = [numExports]string{
	"bridge_eval", "bridge_call_state", "bridge_call_drop",
	"bridge_jobs", "bridge_timer", "bridge_settle", "bridge_malloc",
	"bridge_free", "bridge_fuel_set", "bridge_fuel_used", "bridge_mem_used",
	"bridge_init", "bridge_out", "bridge_start", "bridge_gc",
	"bridge_run", "bridge_conformance",
}

// checkExports makes sure the engine has every export the instances use.
func checkExports(defs map[string]api.FunctionDefinition) error {
	for _, name := range exportNames {
		if _, ok := defs[name]; !ok {
			return fmt.Errorf("the JS engine lacks export %s", name)
		}
	}
	return nil
}
