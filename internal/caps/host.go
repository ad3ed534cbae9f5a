package caps

import (
	"errors"
	"net/netip"
	"strings"
)

// maxHostLen bounds a host name, in bytes (DNS allows 253 without the dot).
const maxHostLen = 253

// ParseHost normalises a host as a URL or a grant gives it: lowercase,
// trailing dot stripped, IPv6 brackets removed, zones refused, IPv4 in every
// form inet_aton accepts ("2130706433", "0x7f000001", "0177.0.0.1",
// "127.1", "0x7f.1") parsed, and IPv4-mapped IPv6 unmapped
// ("::ffff:127.0.0.1" is 127.0.0.1). isIP reports an IP literal; name is
// then the address's canonical text.
//
// A name whose last label looks numeric must be an IPv4 address, as URL
// parsers in browsers decide, so "1.2.3.4.5" and "example.0x1g" are errors
// rather than names a resolver might read either way. Names may hold ASCII
// letters, digits, '-' and '_' in labels of 1 to 63 bytes; non-ASCII names
// are refused (give them in punycode, "xn--...").
func ParseHost(h string) (name string, ip netip.Addr, isIP bool, err error) {
	if h == "" {
		return "", netip.Addr{}, false, errors.New("the host is empty")
	}
	if len(h) > maxHostLen+2 {
		return "", netip.Addr{}, false, errors.New("the host is too long")
	}
	if h[0] == '[' || strings.ContainsRune(h, ':') {
		inner := h
		if h[0] == '[' {
			if len(h) < 2 || h[len(h)-1] != ']' {
				return "", netip.Addr{}, false, errors.New("the host has an unclosed '['")
			}
			inner = h[1 : len(h)-1]
		}
		if strings.ContainsRune(inner, '%') {
			return "", netip.Addr{}, false, errors.New("IPv6 zones are refused")
		}
		a, perr := netip.ParseAddr(inner)
		if perr != nil || !a.Is6() {
			return "", netip.Addr{}, false, errors.New("the host is not a valid IPv6 address")
		}
		a = a.Unmap()
		return a.String(), a, true, nil
	}
	for i := 0; i < len(h); i++ {
		if h[i] >= 0x80 {
			return "", netip.Addr{}, false, errors.New("the host is not ASCII (use its punycode form)")
		}
	}
	h = strings.ToLower(h)
	h = strings.TrimSuffix(h, ".")
	if h == "" || len(h) > maxHostLen {
		return "", netip.Addr{}, false, errors.New("the host is not a valid name")
	}
	last := h[strings.LastIndexByte(h, '.')+1:]
	if numericLabel(last) {
		a, ok := parseIPv4(h)
		if !ok {
			return "", netip.Addr{}, false, errors.New("the host is not a valid IPv4 address")
		}
		return a.String(), a, true, nil
	}
	for label := range strings.SplitSeq(h, ".") {
		if !validLabel(label) {
			return "", netip.Addr{}, false, errors.New("the host is not a valid name")
		}
	}
	return h, netip.Addr{}, false, nil
}

// numericLabel reports a label that URL parsers read as a number: decimal
// digits, or 0x followed by hex digits (or nothing).
func numericLabel(s string) bool {
	if s == "" {
		return false
	}
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		for i := 2; i < len(s); i++ {
			if !isHex(s[i]) {
				return false
			}
		}
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func validLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// parseIPv4 parses the forms inet_aton accepts: one to four parts, each
// decimal, octal (leading 0) or hex (0x); the last part fills the bytes the
// others leave.
func parseIPv4(s string) (netip.Addr, bool) {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var vals [4]uint64
	for i, p := range parts {
		v, ok := parseIPv4Part(p)
		if !ok {
			return netip.Addr{}, false
		}
		vals[i] = v
	}
	n := len(parts)
	var out uint64
	for i := 0; i < n-1; i++ {
		if vals[i] > 255 {
			return netip.Addr{}, false
		}
		out = out<<8 | vals[i]
	}
	rest := uint(8 * (5 - n)) // bits left for the last part
	if vals[n-1] >= 1<<rest {
		return netip.Addr{}, false
	}
	out = out<<rest | vals[n-1]
	return netip.AddrFrom4([4]byte{byte(out >> 24), byte(out >> 16), byte(out >> 8), byte(out)}), true
}

func parseIPv4Part(p string) (uint64, bool) {
	if p == "" {
		return 0, false
	}
	base, digits := uint64(10), p
	switch {
	case len(p) >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'):
		base, digits = 16, p[2:]
		if digits == "" {
			return 0, true // "0x" is zero, as browsers read it
		}
	case len(p) >= 2 && p[0] == '0':
		base, digits = 8, p[1:]
	}
	var v uint64
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		var d uint64
		switch {
		case '0' <= c && c <= '9':
			d = uint64(c - '0')
		case 'a' <= c && c <= 'f':
			d = uint64(c-'a') + 10
		case 'A' <= c && c <= 'F':
			d = uint64(c-'A') + 10
		default:
			return 0, false
		}
		if d >= base {
			return 0, false
		}
		v = v*base + d
		if v > 0xffffffff {
			return 0, false
		}
	}
	return v, true
}
