package jsengine

import (
	"encoding/binary"
	"unicode/utf8"
)

// Packed arguments (bridge.c's PK_*): a call's JSON array of arguments,
// recoded by the host when every element is a small integer, true, false,
// null or a string without escapes, so the guest makes the values directly
// instead of running JSON.parse and reading the array back, which cost
// more than a small call itself. Anything else keeps the JSON path, so a
// malformed array still fails with JSON.parse's own SyntaxError.
const (
	packedMax = 16 // PACKED_MAX: the most arguments packed
	pkInt     = 1
	pkString  = 2
	pkTrue    = 3
	pkFalse   = 4
	pkNull    = 5
)

// packArgs appends args's packed form to dst, or reports false when args
// is not an array the packed form holds with the same meaning.
func packArgs(dst, args []byte) ([]byte, bool) {
	i := skipSpace(args, 0)
	if i >= len(args) || args[i] != '[' {
		return dst, false
	}
	countAt := len(dst)
	dst = append(dst, 0)
	n := 0
	i = skipSpace(args, i+1)
	if i < len(args) && args[i] == ']' {
		return dst, skipSpace(args, i+1) == len(args)
	}
	for {
		if n == packedMax || i >= len(args) {
			return dst, false
		}
		var ok bool
		dst, i, ok = packValue(dst, args, i)
		if !ok {
			return dst, false
		}
		n++
		dst[countAt] = byte(n)
		i = skipSpace(args, i)
		if i >= len(args) {
			return dst, false
		}
		switch args[i] {
		case ',':
			i = skipSpace(args, i+1)
		case ']':
			return dst, skipSpace(args, i+1) == len(args)
		default:
			return dst, false
		}
	}
}

// packValue packs the value at args[i:], returning the index after it.
func packValue(dst, args []byte, i int) ([]byte, int, bool) {
	for _, lit := range [...]struct {
		text string
		tag  byte
	}{{"true", pkTrue}, {"false", pkFalse}, {"null", pkNull}} {
		if len(args)-i >= len(lit.text) && string(args[i:i+len(lit.text)]) == lit.text {
			return append(dst, lit.tag), i + len(lit.text), true
		}
	}
	switch c := args[i]; {
	case c == '"':
		j := i + 1
		for j < len(args) && args[j] != '"' {
			if args[j] == '\\' || args[j] < 0x20 {
				return dst, 0, false // escapes are JSON.parse's (lone surrogates among them)
			}
			j++
		}
		if j >= len(args) || !utf8.Valid(args[i+1:j]) {
			return dst, 0, false
		}
		dst = append(dst, pkString)
		dst = binary.LittleEndian.AppendUint32(dst, uint32(j-i-1))
		return append(dst, args[i+1:j]...), j + 1, true
	case c == '-' || c >= '0' && c <= '9':
		j, neg := i, c == '-'
		if neg {
			j++
		}
		start := j
		var v int64
		for j < len(args) && args[j] >= '0' && args[j] <= '9' && j-start < 10 {
			v = v*10 + int64(args[j]-'0')
			j++
		}
		digits := j - start
		if neg {
			v = -v
		}
		switch {
		case digits == 0 || digits > 1 && args[start] == '0': // "-", "01": a SyntaxError
			return dst, 0, false
		case neg && v == 0: // -0 is a double in JS
			return dst, 0, false
		case j < len(args) && (args[j] == '.' || args[j] == 'e' || args[j] == 'E' || args[j] >= '0' && args[j] <= '9'):
			return dst, 0, false // a fraction, an exponent or too many digits
		case v < -1<<31 || v > 1<<31-1:
			return dst, 0, false
		}
		dst = append(dst, pkInt)
		return binary.LittleEndian.AppendUint32(dst, uint32(int32(v))), j, true
	}
	return dst, 0, false
}

// skipSpace skips JSON's whitespace from i.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}
