package manifest

import "time"

// The default limits, spelled once: the engine, the host functions, the
// runtime and the command line all take them from here.
const (
	DefaultMemory  = 64 << 20
	DefaultFuel    = 1_000_000_000 // about 10 s of a tight loop; the timeout usually ends runaway code first
	DefaultTimeout = 30 * time.Second
)

// DefaultLimits are the limits used where neither the manifest nor the
// embedder (nor the command line) sets one.
var DefaultLimits = Limits{
	Memory:        DefaultMemory,
	Fuel:          DefaultFuel,
	Timeout:       DefaultTimeout,
	ReadBytes:     16 << 20,
	WriteBytes:    16 << 20,
	FetchBytes:    16 << 20,
	FetchRequests: 50,
	Processes:     4,
	OutputBytes:   1 << 20,
	StoreBytes:    64 << 20,
	StoreKeys:     100_000,
}
