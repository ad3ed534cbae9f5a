//go:build race

package bundle

// raceEnabled: the race detector multiplies a process's memory several
// times, so memory bounds measured without it do not apply.
const raceEnabled = true
