package wasmplugin

import (
	"errors"
	"fmt"
)

// Limits bound a plugin before wazero compiles it.
// Compiling costs time and memory in proportion to these counts, outside
// every per-call limit: a 3.2 MB plugin of 800,000 empty functions took 16 s
// of CPU and 461 MB to compile. A plugin past any of them is refused with a
// *LimitError naming the file, the count and the limit. Zero fields take
// DefaultLimits' values.
type Limits struct {
	// MaxBytes bounds the .wasm file.
	MaxBytes int64
	// MaxFunctions bounds functions, imported and defined together.
	MaxFunctions int
	// MaxImports, MaxExports, MaxTypes and MaxGlobals bound those sections'
	// entries.
	MaxImports, MaxExports, MaxTypes, MaxGlobals int
	// MaxSegments bounds the data segments, and the element segments, each.
	MaxSegments int
	// MaxTables and MaxMemories bound those sections' entries.
	MaxTables, MaxMemories int
	// MaxLocals bounds one function's local variables.
	MaxLocals int
	// MaxBodyBytes bounds one function's code.
	MaxBodyBytes int
	// MaxSections bounds the sections, custom sections included.
	MaxSections int
}

// DefaultLimits fit plugins built with Extism's PDKs (Rust, Go,
// TinyGo, C, AssemblyScript), including large ones, with room to spare.
var DefaultLimits = Limits{
	MaxBytes:     16 << 20,
	MaxFunctions: 50_000,
	MaxImports:   1_000,
	MaxExports:   10_000,
	MaxTypes:     10_000,
	MaxGlobals:   10_000,
	MaxSegments:  10_000,
	MaxTables:    100,
	MaxMemories:  1,
	MaxLocals:    50_000,
	MaxBodyBytes: 2 << 20,
	MaxSections:  1_000,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	pick := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	pick(&l.MaxFunctions, d.MaxFunctions)
	pick(&l.MaxImports, d.MaxImports)
	pick(&l.MaxExports, d.MaxExports)
	pick(&l.MaxTypes, d.MaxTypes)
	pick(&l.MaxGlobals, d.MaxGlobals)
	pick(&l.MaxSegments, d.MaxSegments)
	pick(&l.MaxTables, d.MaxTables)
	pick(&l.MaxMemories, d.MaxMemories)
	pick(&l.MaxLocals, d.MaxLocals)
	pick(&l.MaxBodyBytes, d.MaxBodyBytes)
	pick(&l.MaxSections, d.MaxSections)
	return l
}

// ErrLimit is matched by every *LimitError; ErrInvalid by a
// plugin whose section headers are not a wasm binary's.
var (
	ErrLimit   = errors.New("wasm plugin over a limit")
	ErrInvalid = errors.New("not a valid wasm binary")
)

// LimitError is a plugin refused before compiling.
type LimitError struct {
	File   string // the plugin, as the manifest's main names it
	What   string // "functions", "bytes", "locals in function 12", ...
	Count  int64
	Limit  int64
	Option string // the Limits field that raises the limit
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s: %d %s, more than the %d allowed (wasmplugin.Limits.%s, set with Plugins.WithLimits)", e.File, e.Count, e.What, e.Limit, e.Option)
}

func (e *LimitError) Unwrap() error { return ErrLimit }

// Section ids of the wasm binary format.
const (
	secCustom = iota
	secType
	secImport
	secFunction
	secTable
	secMemory
	secGlobal
	secExport
	secStart
	secElement
	secCode
	secData
	secDataCount
	secTag
)

// checkWasm reads the section headers of a wasm binary, and the function
// headers of its code section, and refuses it past lim. It reads only
// counts and sizes, in one pass, without allocating in proportion to them:
// it must cost far less than the compile it protects. Whatever it accepts
// wazero still validates in full.
func checkWasm(file string, b []byte, lim Limits) error {
	over := func(what, option string, n, limit int64) error {
		return &LimitError{File: file, What: what, Count: n, Limit: limit, Option: option}
	}
	bad := func(off int, format string, args ...any) error {
		return fmt.Errorf("%s: %w: at byte %d: %s", file, ErrInvalid, off, fmt.Sprintf(format, args...))
	}
	if int64(len(b)) > lim.MaxBytes {
		return over("bytes", "MaxBytes", int64(len(b)), lim.MaxBytes)
	}
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return bad(0, "no wasm magic number")
	}
	if string(b[4:8]) != "\x01\x00\x00\x00" {
		return bad(4, "version %x, want 1", b[4:8])
	}
	var (
		sections, functions int64
		last                byte // the last non-custom section, for order
		seen                [secTag + 1]bool
	)
	for off := 8; off < len(b); {
		id := b[off]
		size, n, err := readU32(b, off+1)
		if err != nil {
			return bad(off+1, "section %d size: %v", id, err)
		}
		start := off + 1 + n
		if uint64(start)+uint64(size) > uint64(len(b)) {
			return bad(off, "section %d of %d bytes runs past the end of the file", id, size)
		}
		body := b[start : start+int(size)]
		sections++
		if sections > int64(lim.MaxSections) {
			return over("sections", "MaxSections", sections, int64(lim.MaxSections))
		}
		if id > secTag {
			return bad(off, "unknown section id %d", id)
		}
		if id != secCustom {
			if seen[id] {
				return bad(off, "section %d appears twice", id)
			}
			seen[id] = true
			// the binary format's order; data count sits before code,
			// tags between memory and global
			if order(id) < order(last) {
				return bad(off, "section %d out of order", id)
			}
			last = id
		}
		count := func() (int64, error) {
			c, _, err := readU32(body, 0)
			if err != nil {
				return 0, bad(start, "section %d count: %v", id, err)
			}
			return int64(c), nil
		}
		var c int64
		if id != secCustom && id != secStart && id != secDataCount {
			if c, err = count(); err != nil {
				return err
			}
		}
		if b, ok := sectionBound(id, lim); ok && c > int64(b.max) {
			return over(b.what, b.option, c, int64(b.max))
		}
		switch id {
		case secImport, secFunction:
			// imported functions count against MaxFunctions too; an upper
			// bound is enough here, so every import counts
			functions += c
		case secCode:
			if err := checkCode(body, c, start, lim, over, bad); err != nil {
				return err
			}
		}
		if functions > int64(lim.MaxFunctions) {
			return over("functions", "MaxFunctions", functions, int64(lim.MaxFunctions))
		}
		off = start + int(size)
	}
	return nil
}

type sectionLimit struct {
	what, option string
	max          int
}

// sectionBound is the limit a section's item count is held to, what the
// items are called in a refusal and the Limits field to raise.
func sectionBound(id byte, lim Limits) (b sectionLimit, ok bool) {
	set := func(what, option string, max int) { b.what, b.option, b.max, ok = what, option, max, true }
	switch id {
	case secType:
		set("types", "MaxTypes", lim.MaxTypes)
	case secImport:
		set("imports", "MaxImports", lim.MaxImports)
	case secTable:
		set("tables", "MaxTables", lim.MaxTables)
	case secMemory:
		set("memories", "MaxMemories", lim.MaxMemories)
	case secGlobal:
		set("globals", "MaxGlobals", lim.MaxGlobals)
	case secExport:
		set("exports", "MaxExports", lim.MaxExports)
	case secElement:
		set("element segments", "MaxSegments", lim.MaxSegments)
	case secData:
		set("data segments", "MaxSegments", lim.MaxSegments)
	case secCode:
		set("function bodies", "MaxFunctions", lim.MaxFunctions)
	}
	return b, ok
}

// checkCode walks the code section's function headers: each body's size
// and its local variable declarations.
func checkCode(body []byte, count int64, base int, lim Limits,
	over func(what, option string, n, limit int64) error, bad func(int, string, ...any) error) error {
	_, off, _ := readU32(body, 0)
	for i := int64(0); i < count; i++ {
		size, n, err := readU32(body, off)
		if err != nil {
			return bad(base+off, "function %d size: %v", i, err)
		}
		off += n
		if size > uint32(lim.MaxBodyBytes) {
			return over(fmt.Sprintf("bytes of code in function body %d", i), "MaxBodyBytes", int64(size), int64(lim.MaxBodyBytes))
		}
		if uint64(off)+uint64(size) > uint64(len(body)) {
			return bad(base+off, "function body %d runs past its section", i)
		}
		fn := body[off : off+int(size)]
		groups, p, err := readU32(fn, 0)
		if err != nil {
			return bad(base+off, "function body %d locals: %v", i, err)
		}
		var locals int64
		for g := uint32(0); g < groups; g++ {
			k, m, err := readU32(fn, p)
			if err != nil {
				return bad(base+off+p, "function body %d locals: %v", i, err)
			}
			p += m + 1 // the count, then one value type byte
			if p > len(fn) {
				return bad(base+off, "function body %d locals run past its end", i)
			}
			locals += int64(k)
			if locals > int64(lim.MaxLocals) {
				return over(fmt.Sprintf("locals in function body %d", i), "MaxLocals", locals, int64(lim.MaxLocals))
			}
		}
		off += int(size)
	}
	return nil
}

// order is a section's place in the binary format's order.
func order(id byte) int {
	switch id {
	case secTag:
		return int(secMemory)*2 + 1
	case secDataCount:
		return int(secElement)*2 + 1
	}
	return int(id) * 2
}

// readU32 reads an unsigned LEB128 of at most 5 bytes at b[off:].
func readU32(b []byte, off int) (uint32, int, error) {
	var v uint64
	for i := 0; i < 5; i++ {
		if off+i >= len(b) {
			return 0, 0, errors.New("unexpected end")
		}
		c := b[off+i]
		v |= uint64(c&0x7f) << (7 * i)
		if c&0x80 == 0 {
			if v > 0xffffffff {
				return 0, 0, errors.New("number overflows 32 bits")
			}
			return uint32(v), i + 1, nil
		}
	}
	return 0, 0, errors.New("number longer than 5 bytes")
}
