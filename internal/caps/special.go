package caps

import (
	"net/netip"
)

type specialRange struct {
	prefix netip.Prefix
	reason string
}

func mustPrefix(s string) netip.Prefix { return netip.MustParsePrefix(s) }

// Order matters: the first range that contains an address names it, so
// single addresses come before the ranges around them.
var specialV4 = []specialRange{
	{mustPrefix("169.254.169.254/32"), "a cloud metadata address"},
	{mustPrefix("100.100.100.200/32"), "a cloud metadata address"},
	{mustPrefix("0.0.0.0/32"), "the unspecified address"},
	{mustPrefix("0.0.0.0/8"), "a \"this network\" address"},
	{mustPrefix("127.0.0.0/8"), "a loopback address"},
	{mustPrefix("10.0.0.0/8"), "a private address"},
	{mustPrefix("172.16.0.0/12"), "a private address"},
	{mustPrefix("192.168.0.0/16"), "a private address"},
	{mustPrefix("100.64.0.0/10"), "a shared (carrier-grade NAT) address"},
	{mustPrefix("169.254.0.0/16"), "a link-local address"},
	{mustPrefix("192.0.0.0/24"), "an IETF protocol assignment address"},
	{mustPrefix("192.0.2.0/24"), "a documentation address"},
	{mustPrefix("198.51.100.0/24"), "a documentation address"},
	{mustPrefix("203.0.113.0/24"), "a documentation address"},
	{mustPrefix("192.88.99.0/24"), "a 6to4 relay address"},
	{mustPrefix("198.18.0.0/15"), "a benchmarking address"},
	{mustPrefix("224.0.0.0/4"), "a multicast address"},
	{mustPrefix("255.255.255.255/32"), "the broadcast address"},
	{mustPrefix("240.0.0.0/4"), "a reserved address"},
}

var specialV6 = []specialRange{
	{mustPrefix("fd00:ec2::254/128"), "a cloud metadata address"},
	{mustPrefix("::/128"), "the unspecified address"},
	{mustPrefix("::1/128"), "a loopback address"},
	{mustPrefix("64:ff9b:1::/48"), "a local-use NAT64 address"},
	{mustPrefix("100::/64"), "a discard-only address"},
	{mustPrefix("2001:db8::/32"), "a documentation address"},
	{mustPrefix("3fff::/20"), "a documentation address"},
	{mustPrefix("2001:2::/48"), "a benchmarking address"},
	{mustPrefix("fc00::/7"), "a private (unique local) address"},
	{mustPrefix("fec0::/10"), "a private (site-local) address"},
	{mustPrefix("fe80::/10"), "a link-local address"},
	{mustPrefix("ff00::/8"), "a multicast address"},
}

// Ranges of IPv6 that carry an IPv4 address the network may reach.
var (
	v4Compatible  = mustPrefix("::/96")
	v4Translated  = mustPrefix("::ffff:0:0:0/96")
	nat64         = mustPrefix("64:ff9b::/96")
	sixToFour     = mustPrefix("2002::/16")
	teredo        = mustPrefix("2001::/32")
	v4Mapped      = mustPrefix("::ffff:0:0/96")
	reasonInvalid = "not a valid address"
)

// Special reports whether ip must not be reached unless a grant names it by
// literal address, with the reason in words ("a loopback address", "a
// private address", "a cloud metadata address", ...).
//
// Special are: loopback, private (RFC 1918, fc00::/7, the old site-local
// fec0::/10), link-local, multicast, unspecified, 0.0.0.0/8, shared CGNAT
// 100.64.0.0/10, broadcast, 240.0.0.0/4, 192.0.0.0/24, benchmarking,
// documentation, discard-only and local-use NAT64 ranges; the metadata
// addresses 169.254.169.254, fd00:ec2::254 and 100.100.100.200; and IPv6
// forms that carry an IPv4 address (mapped ::ffff:a.b.c.d, compatible
// ::a.b.c.d, translated ::ffff:0:a.b.c.d, NAT64 64:ff9b::/96, 6to4
// 2002::/16, Teredo 2001::/32) when that IPv4 address is special. The whole
// deprecated IPv4-compatible range ::/96 is special either way. An invalid
// netip.Addr is special too.
func Special(ip netip.Addr) (reason string, special bool) {
	if !ip.IsValid() {
		return reasonInvalid, true
	}
	ip = ip.WithZone("")
	if v4Mapped.Contains(ip) {
		ip = ip.Unmap()
	}
	if ip.Is4() {
		for _, r := range specialV4 {
			if r.prefix.Contains(ip) {
				return r.reason, true
			}
		}
		return "", false
	}
	for _, r := range specialV6 {
		if r.prefix.Contains(ip) {
			return r.reason, true
		}
	}
	b := ip.As16()
	embedded := func(v4 [4]byte, via string) (string, bool) {
		a := netip.AddrFrom4(v4)
		if reason, ok := Special(a); ok {
			return reason + " (" + a.String() + ") carried in " + via, true
		}
		return "", false
	}
	switch {
	case v4Compatible.Contains(ip):
		if reason, ok := embedded([4]byte(b[12:16]), "an IPv4-compatible address"); ok {
			return reason, true
		}
		return "a deprecated IPv4-compatible address", true
	case v4Translated.Contains(ip):
		return embedded([4]byte(b[12:16]), "an IPv4-translated address")
	case nat64.Contains(ip):
		return embedded([4]byte(b[12:16]), "a NAT64 address")
	case sixToFour.Contains(ip):
		return embedded([4]byte(b[2:6]), "a 6to4 address")
	case teredo.Contains(ip):
		// The server's address follows the prefix; the client's is stored
		// inverted in the last 32 bits.
		if reason, ok := embedded([4]byte(b[4:8]), "a Teredo address"); ok {
			return reason, true
		}
		return embedded([4]byte{^b[12], ^b[13], ^b[14], ^b[15]}, "a Teredo address")
	}
	return "", false
}
