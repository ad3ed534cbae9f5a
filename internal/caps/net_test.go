package caps

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseHost(t *testing.T) {
	t.Parallel()
	good := []struct {
		in, name string
		isIP     bool
	}{
		{"example.com", "example.com", false},
		{"API.Example.COM.", "api.example.com", false},
		{"xn--bcher-kva.example", "xn--bcher-kva.example", false},
		{"_dmarc.example.com", "_dmarc.example.com", false},
		{"localhost", "localhost", false},
		{"0x7f.example.com", "0x7f.example.com", false}, // only the last label decides
		{"127.0.0.1", "127.0.0.1", true},
		{"127.0.0.1.", "127.0.0.1", true},
		{"2130706433", "127.0.0.1", true},
		{"0x7f000001", "127.0.0.1", true},
		{"0X7F000001", "127.0.0.1", true},
		{"0177.0.0.1", "127.0.0.1", true},
		{"0177.0000.0.01", "127.0.0.1", true},
		{"127.1", "127.0.0.1", true},
		{"127.0.1", "127.0.0.1", true},
		{"0x7f.1", "127.0.0.1", true},
		{"0x7f.0x0.0x0.0x1", "127.0.0.1", true},
		{"0", "0.0.0.0", true},
		{"0x", "0.0.0.0", true},
		{"1.2.3.", "1.2.0.3", true},
		{"0x7g", "0x7g", false}, // not a number, so a name
		{"example.0x1g", "example.0x1g", false},
		{"4294967295", "255.255.255.255", true},
		{"169.254.43518", "169.254.169.254", true},
		{"[::1]", "::1", true},
		{"::1", "::1", true},
		{"[::ffff:127.0.0.1]", "127.0.0.1", true},
		{"::ffff:7f00:1", "127.0.0.1", true},
		{"[::FFFF:a9fe:a9fe]", "169.254.169.254", true},
		{"[2001:DB8::1]", "2001:db8::1", true},
		{"[::127.0.0.1]", "::7f00:1", true}, // IPv4-compatible stays IPv6; Special catches it
	}
	for _, tc := range good {
		name, ip, isIP, err := ParseHost(tc.in)
		if err != nil || name != tc.name || isIP != tc.isIP || isIP != ip.IsValid() {
			t.Errorf("ParseHost(%q) = %q, %v, %v, %v; want %q, %v", tc.in, name, ip, isIP, err, tc.name, tc.isIP)
		}
	}
	bad := []string{
		"", ".", "..", "example..com", "example.com..", "-example.com", "example-.com",
		"exa mple.com", "exa\x00mple.com", "example.com/x", "user@example.com", "*.example.com",
		"bücher.example", "exam\u0130ple.com", strings.Repeat("a", 64) + ".com", strings.Repeat("a.", 130) + "com",
		"1.2.3.4.5", "256.0.0.1", "1.2.3.256", "1.2.65536", "4294967296", "0x100000000", "08.0.0.1",
		"1..2.3", "99999999999999999999999", "example.123", "example.0x1",
		"[::1", "[]", "[1.2.3.4]", "[fe80::1%eth0]", "fe80::1%25eth0", "::1]", ":::", "[::1]:80",
	}
	for _, in := range bad {
		if name, ip, isIP, err := ParseHost(in); err == nil {
			t.Errorf("ParseHost(%q) = %q, %v, %v; want an error", in, name, ip, isIP)
		}
	}
}

func TestSpecial(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ip     string
		reason string // "" when not special
	}{
		{"127.0.0.1", "loopback"},
		{"127.255.0.9", "loopback"},
		{"10.1.2.3", "private"},
		{"172.16.0.1", "private"},
		{"172.31.255.255", "private"},
		{"192.168.1.1", "private"},
		{"169.254.169.254", "metadata"},
		{"100.100.100.200", "metadata"},
		{"169.254.1.1", "link-local"},
		{"0.0.0.0", "unspecified"},
		{"0.1.2.3", "this network"},
		{"100.64.0.1", "carrier-grade"},
		{"100.127.255.255", "carrier-grade"},
		{"192.0.0.170", "IETF"},
		{"198.18.0.1", "benchmarking"},
		{"198.19.255.255", "benchmarking"},
		{"224.0.0.1", "multicast"},
		{"239.255.255.250", "multicast"},
		{"255.255.255.255", "broadcast"},
		{"240.0.0.1", "reserved"},
		{"192.0.2.1", "documentation"},
		{"::1", "loopback"},
		{"::", "unspecified"},
		{"fc00::1", "private"},
		{"fd12:3456::1", "private"},
		{"fd00:ec2::254", "metadata"},
		{"fe80::1", "link-local"},
		{"fec0::1", "site-local"},
		{"ff02::1", "multicast"},
		{"::ffff:127.0.0.1", "loopback"},
		{"::ffff:169.254.169.254", "metadata"},
		{"::127.0.0.1", "loopback"},
		{"::8.8.8.8", "IPv4-compatible"},
		{"::ffff:0:10.0.0.1", "private"},
		{"64:ff9b::127.0.0.1", "loopback"},
		{"64:ff9b::a9fe:a9fe", "metadata"},
		{"64:ff9b:1::1", "NAT64"},
		{"2002:7f00:1::", "loopback"},
		{"2002:a00:1::1", "private"},
		{"2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"}, // Teredo, client 127.0.0.1 inverted
		{"2001:db8::1", "documentation"},
		{"100::1", "discard"},
		// Public addresses.
		{"8.8.8.8", ""},
		{"1.1.1.1", ""},
		{"93.184.216.34", ""},
		{"172.32.0.1", ""},
		{"100.128.0.1", ""},
		{"169.253.255.255", ""},
		{"2606:4700:4700::1111", ""},
		{"64:ff9b::808:808", ""},
		{"2002:808:808::1", ""},
		{"::ffff:8.8.8.8", ""},
	}
	for _, tc := range tests {
		reason, special := Special(netip.MustParseAddr(tc.ip))
		if special != (tc.reason != "") || !strings.Contains(reason, tc.reason) {
			t.Errorf("Special(%s) = %q, %v; want %q", tc.ip, reason, special, tc.reason)
		}
	}
	if _, special := Special(netip.Addr{}); !special {
		t.Error("the zero Addr is not special")
	}
	if _, special := Special(netip.MustParseAddr("fe80::1%eth0")); !special {
		t.Error("a zoned link-local address is not special")
	}
}

func TestNewNetPolicyErrors(t *testing.T) {
	t.Parallel()
	bad := []string{
		"", " ", "example.com ", "exa mple.com", "example.com:", "example.com:0", "example.com:65536",
		"example.com:http", "example.com:+80", "example.com:80:80", "::1", "::1:80", "[::1", "[::1]x",
		"[fe80::1%25eth0]:80", "*", "*:443", "*.com", "*.*.example.com", "a.*.example.com", "*example.com",
		"*.10.0.0.1", "ftp://example.com", "file:///etc/passwd", "https://", "https://user@example.com",
		"https://user:pw@example.com", "https://example.com?x", "https://example.com/#x",
		"example.com/v1", "https://example.com/v1/../admin", "https://example.com/%2e%2e",
		"https://example.com/a%2fb", "https://example.com//v1", "https://example.com/./v1", "bücher.example:443",
		"exa\x00mple.com", "1.2.3.4.5:80",
	}
	for i, g := range bad {
		_, err := NewNetPolicy([]string{"ok.example.com:443", g})
		if err == nil {
			t.Errorf("NewNetPolicy(%q) worked", g)
			continue
		}
		if !strings.HasPrefix(err.Error(), "permissions.net[1] ") {
			t.Errorf("%d: %v does not name permissions.net[1]", i, err)
		}
	}
	good := []string{
		"api.example.com:443", "API.example.com.:443", "api.example.com", "*.example.com", "*.example.com:8443",
		"https://api.example.com", "HTTPS://api.example.com/v1/", "http://api.example.com:8080/v1/x",
		"10.0.0.5:8080", "[::1]:8080", "127.0.0.1", "https://[::1]/x", "https://*.example.com/api",
	}
	p, err := NewNetPolicy(good)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Grants(); len(got) != len(good) || got[1] != good[1] {
		t.Errorf("Grants() = %q", got)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("url.Parse(%q): %v", s, err)
	}
	return u
}

func TestCheckURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		grants []string
		url    string
		ok     bool
		reason string // part of the refusal's text
	}{
		// host:port, the CoreTS form: either scheme, that port only.
		{[]string{"api.example.com:443"}, "https://api.example.com/", true, ""},
		{[]string{"api.example.com:443"}, "https://api.example.com:443/x?y=1", true, ""},
		{[]string{"api.example.com:443"}, "http://api.example.com:443/", true, ""},
		{[]string{"api.example.com:443"}, "http://api.example.com/", false, "not granted"},
		{[]string{"api.example.com:443"}, "https://API.EXAMPLE.COM./", true, ""},
		{[]string{"api.example.com:443"}, "https://api.example.com:8443/", false, "not granted"},
		{[]string{"api.example.com:443"}, "https://example.com/", false, "not granted"},
		{[]string{"api.example.com:443"}, "https://x.api.example.com/", false, "not granted"},
		{[]string{"api.example.com:443"}, "https://api.example.com.evil.com/", false, "not granted"},
		{[]string{"api.example.com:443"}, "https://api.example.com:/", true, ""},
		// Bare host: the scheme's default port.
		{[]string{"example.com"}, "http://example.com/", true, ""},
		{[]string{"example.com"}, "https://example.com/", true, ""},
		{[]string{"example.com"}, "http://example.com:443/", false, "not granted"},
		{[]string{"example.com"}, "https://example.com:80/", false, "not granted"},
		{[]string{"example.com"}, "https://example.com:8080/", false, "not granted"},
		// Wildcards: subdomains at any depth, never the domain itself.
		{[]string{"*.example.com"}, "https://a.example.com/", true, ""},
		{[]string{"*.example.com"}, "https://a.b.example.com/", true, ""},
		{[]string{"*.example.com"}, "https://example.com/", false, "not granted"},
		{[]string{"*.example.com"}, "https://evilexample.com/", false, "not granted"},
		{[]string{"*.example.com"}, "https://a.example.com.evil.com/", false, "not granted"},
		{[]string{"*.example.com"}, "https://a.example.com:8443/", false, "not granted"},
		{[]string{"*.example.com:8443"}, "https://a.example.com:8443/", true, ""},
		// URL grants: scheme, host, port and path prefix.
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1", true, ""},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/", true, ""},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/users?id=2", true, ""},
		{[]string{"https://api.example.com/v1/"}, "https://api.example.com/v1/x", true, ""},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v%31/x", true, ""},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/./x", true, ""},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1//x", true, ""},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/x/../y", true, ""},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v10", false, "the path is not under the granted prefix /v1"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/", false, "the path is not under the granted prefix /v1"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/../admin", false, "the path is not under the granted prefix /v1"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/x/../../admin", false, "the path is not under the granted prefix /v1"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/%2e%2e/admin", false, "which servers may read as another path"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/%2E%2E/admin", false, "which servers may read as another path"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/.%2e/admin", false, "which servers may read as another path"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1%2f..%2fadmin", false, "which servers may read as another path"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/..%2fadmin", false, "which servers may read as another path"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/..%5cadmin", false, "which servers may read as another path"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/..;/admin", false, "which servers may read as another path"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/%252e%252e/admin", false, "which servers may read as another path"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1//../admin", false, "which servers may read as another path"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/v1/%EF%BC%8E%EF%BC%8E/admin", false, "which servers may read as another path"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com/V1", false, "the path is not under the granted prefix /v1"},
		{[]string{"https://api.example.com/v1"}, "http://api.example.com/v1", false, "not granted"},
		{[]string{"https://api.example.com/v1"}, "https://api.example.com:8443/v1", false, "not granted"},
		{[]string{"https://api.example.com"}, "https://api.example.com/v1/%2e%2e/admin", true, ""}, // no prefix to leave
		{[]string{"http://api.example.com:8080"}, "http://api.example.com:8080/", true, ""},
		{[]string{"http://api.example.com:8080"}, "http://api.example.com/", false, "not granted"},
		// Refused whatever the grants.
		{[]string{"example.com"}, "ftp://example.com/", false, "only http and https"},
		{[]string{"example.com"}, "file:///etc/passwd", false, "only http and https"},
		{[]string{"example.com"}, "javascript:alert(1)", false, "only http and https"},
		{[]string{"example.com"}, "https://user:pw@example.com/", false, "user name or password"},
		{[]string{"example.com"}, "https://user@example.com/", false, "user name or password"},
		{[]string{"example.com"}, "http:example.com", false, "no host"},
		{[]string{"example.com"}, "https:///x", false, "no host"},
		// Special addresses: only a grant of the literal address.
		{[]string{"example.com"}, "http://127.0.0.1/", false, "127.0.0.1 is a loopback address (grant the literal address in permissions.net"},
		{[]string{"example.com"}, "http://0x7f000001/", false, "loopback"},
		{[]string{"example.com"}, "http://2130706433/", false, "loopback"},
		{[]string{"example.com"}, "http://0177.0.0.1/", false, "loopback"},
		{[]string{"example.com"}, "http://127.1/", false, "loopback"},
		{[]string{"example.com"}, "http://[::1]/", false, "loopback"},
		{[]string{"example.com"}, "http://[::ffff:127.0.0.1]/", false, "127.0.0.1 is a loopback"},
		{[]string{"example.com"}, "http://169.254.169.254/latest/meta-data/", false, "metadata"},
		{[]string{"example.com"}, "http://[fd00:ec2::254]/", false, "metadata"},
		{[]string{"example.com"}, "http://10.0.0.1/", false, "private"},
		{[]string{"example.com"}, "http://0.0.0.0/", false, "unspecified"},
		{[]string{"example.com"}, "http://[::]/", false, "unspecified"},
		{[]string{"*.example.com"}, "http://127.0.0.1/", false, "loopback"},
		{[]string{"127.0.0.1:8080"}, "http://127.0.0.1:8080/", true, ""},
		{[]string{"127.0.0.1:8080"}, "https://127.0.0.1:8080/x", true, ""},
		{[]string{"127.0.0.1:8080"}, "http://2130706433:8080/", true, ""},
		{[]string{"127.0.0.1:8080"}, "http://[::ffff:127.0.0.1]:8080/", true, ""},
		{[]string{"127.0.0.1:8080"}, "http://127.0.0.1/", false, "port 80 is not granted for 127.0.0.1 (granted: 8080)"},
		{[]string{"127.0.0.1:8080"}, "http://127.0.0.1:8081/", false, "port 8081 is not granted for 127.0.0.1 (granted: 8080)"},
		{[]string{"127.0.0.1:8080"}, "http://127.0.0.2:8080/", false, "loopback"},
		{[]string{"127.0.0.1:8080"}, "http://localhost:8080/", false, "not granted"},
		{[]string{"127.0.0.1:8080"}, "http://[::1]:8080/", false, "loopback"},
		{[]string{"[::1]:8080"}, "http://[::1]:8080/", true, ""},
		{[]string{"[::1]:8080"}, "http://[0:0:0:0:0:0:0:1]:8080/", true, ""},
		{[]string{"https://127.0.0.1:8443/api"}, "https://127.0.0.1:8443/api/x", true, ""},
		{[]string{"https://127.0.0.1:8443/api"}, "https://127.0.0.1:8443/admin", false, "the path is not under the granted prefix /api"},
		// Public IP literals need a literal grant too, without the special reason.
		{[]string{"example.com"}, "http://93.184.216.34/", false, "not granted"},
		{[]string{"93.184.216.34"}, "http://93.184.216.34/", true, ""},
		// Nothing granted.
		{nil, "https://example.com/", false, "not granted"},
		{[]string{}, "http://127.0.0.1/", false, "loopback"},
	}
	for _, tc := range tests {
		p, err := NewNetPolicy(tc.grants)
		if err != nil {
			t.Fatalf("%q: %v", tc.grants, err)
		}
		err = p.CheckURL(mustURL(t, tc.url))
		if tc.ok {
			if err != nil {
				t.Errorf("%q: CheckURL(%s) = %v", tc.grants, tc.url, err)
			}
			continue
		}
		var denied *DeniedError
		if !errors.As(err, &denied) || denied.Capability != "net" {
			t.Errorf("%q: CheckURL(%s) = %v; want a net refusal", tc.grants, tc.url, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.reason) {
			t.Errorf("%q: CheckURL(%s) = %v; want %q", tc.grants, tc.url, err, tc.reason)
		}
	}

	p, _ := NewNetPolicy([]string{"example.com"})
	if err := p.CheckURL(nil); !errors.Is(err, ErrDenied) {
		t.Errorf("nil URL: %v", err)
	}
	// A URL built by hand, not parsed, is checked the same way.
	for _, u := range []*url.URL{
		{Scheme: "HTTP", Host: "example.com", Path: "/"},
		{Scheme: "http", Host: "example.com:80"},
	} {
		if err := p.CheckURL(u); err != nil {
			t.Errorf("CheckURL(%#v) = %v", u, err)
		}
	}
	for _, u := range []*url.URL{
		{Scheme: "http", Host: "example.com:80:80"},
		{Scheme: "http", Host: "example.com:8o"},
		{Scheme: "http", Host: "exa mple.com"},
		{Scheme: "http", Host: "example.com", Path: "x"},
	} {
		if err := p.CheckURL(u); err == nil && u.Path != "x" {
			t.Errorf("CheckURL(%#v) worked", u)
		}
	}
	// The value in the message hides a password.
	err := p.CheckURL(mustURL(t, "https://user:hunter2@example.com/"))
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("password shown: %v", err)
	}
}

func TestCheckAddr(t *testing.T) {
	t.Parallel()
	p, err := NewNetPolicy([]string{"api.example.com:443", "*.example.org", "127.0.0.1:8080", "https://10.0.0.5:8443/api", "10.0.0.6:9000"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		host   string
		port   int
		ip     string
		ok     bool
		reason string
	}{
		{"api.example.com", 443, "93.184.216.34", true, ""},
		{"API.example.com.", 443, "93.184.216.34", true, ""},
		{"api.example.com", 443, "::ffff:93.184.216.34", true, ""},
		{"api.example.com", 80, "93.184.216.34", false, "not granted"},
		{"other.example.com", 443, "93.184.216.34", false, "not granted"},
		{"api.example.com", 443, "127.0.0.1", false, "api.example.com resolved to 127.0.0.1, a loopback address"},
		{"api.example.com", 443, "169.254.169.254", false, "metadata"},
		{"api.example.com", 443, "::ffff:10.0.0.1", false, "private"},
		{"api.example.com", 443, "64:ff9b::7f00:1", false, "loopback"},
		{"a.example.org", 443, "8.8.8.8", true, ""},
		{"a.example.org", 80, "8.8.8.8", true, ""},
		{"a.example.org", 8080, "8.8.8.8", false, "not granted"},
		{"a.example.org", 443, "192.168.0.1", false, "private"},
		{"127.0.0.1", 8080, "127.0.0.1", true, ""},
		{"127.0.0.1", 8081, "127.0.0.1", false, "not granted"},
		{"127.0.0.1", 8080, "127.0.0.2", false, "does not match"},
		{"2130706433", 8080, "127.0.0.1", true, ""},
		{"10.0.0.5", 8443, "10.0.0.5", true, ""},
		{"10.0.0.5", 443, "10.0.0.5", false, "not granted"},
		{"10.0.0.6", 9000, "10.0.0.6", true, ""},
		{"api.example.com", 0, "93.184.216.34", false, "port"},
		{"api.example.com", 70000, "93.184.216.34", false, "port"},
		{"bad host", 443, "93.184.216.34", false, "not a valid name"},
		{"api.example.com", 443, "fe80::1%eth0", false, "zone"},
	}
	for _, tc := range tests {
		err := p.CheckAddr(tc.host, tc.port, netip.MustParseAddr(tc.ip))
		if tc.ok != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.reason)) {
			t.Errorf("CheckAddr(%s, %d, %s) = %v; want ok=%v %q", tc.host, tc.port, tc.ip, err, tc.ok, tc.reason)
		}
	}
	if err := p.CheckAddr("api.example.com", 443, netip.Addr{}); err == nil {
		t.Error("the zero Addr was allowed")
	}

	// A literal grant with a path prefix does not open its address to a
	// name that resolves there: the name would skip the prefix.
	q, _ := NewNetPolicy([]string{"rebind.example.com:8443", "https://10.0.0.5:8443/api", "10.0.0.6:8443"})
	if err := q.CheckAddr("rebind.example.com", 8443, netip.MustParseAddr("10.0.0.5")); err == nil {
		t.Error("a name reached a path-limited literal grant")
	}
	if err := q.CheckAddr("rebind.example.com", 8443, netip.MustParseAddr("10.0.0.6")); err != nil {
		t.Errorf("a name to a whole literal grant: %v", err)
	}
}

// fakeResolver answers from a table and counts its queries.
type fakeResolver struct {
	answers map[string][]netip.Addr
	asked   []string
}

func (r *fakeResolver) LookupNetIP(_ context.Context, network, host string) ([]netip.Addr, error) {
	r.asked = append(r.asked, host)
	if a, ok := r.answers[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func addrs(s ...string) []netip.Addr {
	out := make([]netip.Addr, len(s))
	for i, a := range s {
		out[i] = netip.MustParseAddr(a)
	}
	return out
}

func TestDialContext(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "hello")
	}))
	defer srv.Close()
	srvAddr := netip.MustParseAddrPort(srv.Listener.Addr().String())
	port := strconv.Itoa(int(srvAddr.Port()))

	res := &fakeResolver{answers: map[string][]netip.Addr{
		"evil.example.com":  addrs("127.0.0.1"),
		"mixed.example.com": addrs("127.0.0.1", "10.0.0.1"),
		"local.example.com": addrs("127.0.0.1"),
	}}
	get := func(grants []string, target string) (string, error) {
		t.Helper()
		p, err := NewNetPolicy(grants)
		if err != nil {
			t.Fatal(err)
		}
		client := &http.Client{
			Transport: &http.Transport{
				Proxy:       nil,
				DialContext: p.DialContext(res, &net.Dialer{Timeout: 5 * time.Second}),
			},
			CheckRedirect: p.CheckRedirect,
			Timeout:       10 * time.Second,
		}
		defer client.CloseIdleConnections()
		u := mustURL(t, target)
		if err := p.CheckURL(u); err != nil {
			return "", err
		}
		resp, err := client.Get(target)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	}

	// Granted by name, resolved to loopback: refused at dial time.
	_, err := get([]string{"evil.example.com:" + port}, "http://evil.example.com:"+port+"/")
	var denied *DeniedError
	if !errors.As(err, &denied) || !strings.Contains(err.Error(), "evil.example.com resolved to 127.0.0.1, a loopback address") {
		t.Errorf("rebinding to loopback: %v", err)
	}
	_, err = get([]string{"mixed.example.com:" + port}, "http://mixed.example.com:"+port+"/")
	if !errors.As(err, &denied) {
		t.Errorf("every address special: %v", err)
	}

	// The real server on 127.0.0.1 is reachable only when granted literally.
	direct := "http://127.0.0.1:" + port + "/"
	if _, err := get([]string{"example.com"}, direct); !errors.As(err, &denied) {
		t.Errorf("ungranted loopback: %v", err)
	}
	if _, err := get([]string{"127.0.0.1:1"}, direct); !errors.As(err, &denied) {
		t.Errorf("loopback on another port: %v", err)
	}
	if body, err := get([]string{"127.0.0.1:" + port}, direct); err != nil || body != "hello" {
		t.Errorf("literal grant: %q, %v", body, err)
	}
	if body, err := get([]string{"127.0.0.1:" + port}, "http://2130706433:"+port+"/"); err != nil || body != "hello" {
		t.Errorf("literal grant, another spelling: %q, %v", body, err)
	}
	// A name granted alongside a whole literal grant may resolve to it.
	if body, err := get([]string{"local.example.com:" + port, "127.0.0.1:" + port}, "http://local.example.com:"+port+"/"); err != nil || body != "hello" {
		t.Errorf("name to a literal grant: %q, %v", body, err)
	}

	// A refused name is never looked up.
	p, _ := NewNetPolicy([]string{"example.com"})
	dial := p.DialContext(res, nil)
	res.asked = nil
	if _, err := dial(context.Background(), "tcp", "secret-data.attacker.example:80"); !errors.As(err, &denied) {
		t.Errorf("ungranted name: %v", err)
	}
	if len(res.asked) != 0 {
		t.Errorf("looked up %q", res.asked)
	}
	for _, tc := range []struct{ network, addr string }{
		{"udp", "example.com:80"}, {"unix", "/tmp/sock"}, {"tcp", "example.com"},
		{"tcp", "example.com:0"}, {"tcp", "[::1%lo]:80"}, {"tcp", "exa mple.com:80"},
	} {
		if _, err := dial(context.Background(), tc.network, tc.addr); !errors.As(err, &denied) {
			t.Errorf("dial(%s, %s) = %v", tc.network, tc.addr, err)
		}
	}
	// A lookup error comes back as it is.
	if _, err := dial(context.Background(), "tcp", "example.com:80"); err == nil || errors.As(err, &denied) {
		t.Errorf("lookup failure: %v", err)
	}
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	// target is loopback and granted; the redirector is granted too, but it
	// sends the client to places that are not.
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "reached "+r.URL.Path)
	}))
	defer target.Close()
	var next string
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, next, http.StatusFound)
	}))
	defer redirector.Close()
	rport := redirector.Listener.Addr().(*net.TCPAddr).Port
	tport := target.Listener.Addr().(*net.TCPAddr).Port

	p, err := NewNetPolicy([]string{
		fmt.Sprintf("127.0.0.1:%d", rport),
		fmt.Sprintf("http://127.0.0.1:%d/ok", tport),
	})
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{
		Transport:     &http.Transport{Proxy: nil, DialContext: p.DialContext(nil, nil)},
		CheckRedirect: p.CheckRedirect,
		Timeout:       10 * time.Second,
	}
	defer client.CloseIdleConnections()
	tests := []struct {
		next string
		ok   bool
	}{
		{fmt.Sprintf("http://127.0.0.1:%d/ok/x", tport), true},
		{fmt.Sprintf("http://127.0.0.1:%d/admin", tport), false},
		{fmt.Sprintf("http://127.0.0.1:%d/ok/../admin", tport), false},
		{"http://169.254.169.254/latest/meta-data/", false},
		{"http://[::1]/", false},
		{"ftp://example.com/", false},
		{fmt.Sprintf("http://user:pw@127.0.0.1:%d/ok", tport), false},
		{"http://unresolvable.invalid/", false},
	}
	for _, tc := range tests {
		next = tc.next
		resp, err := client.Get(redirector.URL + "/start")
		if tc.ok {
			if err != nil {
				t.Errorf("redirect to %s: %v", tc.next, err)
				continue
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(b) != "reached /ok/x" {
				t.Errorf("redirect to %s: %q", tc.next, b)
			}
			continue
		}
		if err == nil {
			resp.Body.Close()
			t.Errorf("redirect to %s was followed", tc.next)
			continue
		}
		if !errors.Is(err, ErrDenied) {
			t.Errorf("redirect to %s: %v; want a refusal", tc.next, err)
		}
	}
	// Too many redirects stop.
	next = redirector.URL + "/again"
	if _, err := client.Get(redirector.URL); err == nil || !strings.Contains(err.Error(), "10 redirects") {
		t.Errorf("redirect loop: %v", err)
	}
}

// A prefix grant covers only paths every server reads the same way: issue
// 10's weak spot, paths whose overlong UTF-8 or NFKC form decodes to a ".."
// segment or a separator, were let through under "/v1" and a lenient or
// normalising server read them as "/admin".
func TestNetPrefixLookalikes(t *testing.T) {
	t.Parallel()
	p, err := NewNetPolicy([]string{"https://api.example.com/v1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		"/v1/%c0%ae%c0%ae/admin",                   // overlong '.' (2 bytes)
		"/v1/%e0%80%ae%e0%80%ae/admin",             // overlong '.' (3 bytes)
		"/v1/..%c0%afadmin",                        // overlong '/'
		"/v1/..%c1%9cadmin",                        // overlong '\'
		"/v1/%ef%bc%8e%ef%bc%8e/admin",             // U+FF0E fullwidth full stop
		"/v1/%e2%80%a4%e2%80%a4/admin",             // U+2024 one dot leader
		"/v1/%ef%b9%92%ef%b9%92/admin",             // U+FE52 small full stop
		"/v1/%e2%80%a5/admin",                      // U+2025 two dot leader: NFKC ".."
		"/v1/..%ef%bc%8fadmin",                     // U+FF0F fullwidth solidus
		"/v1/..%ef%bc%bcadmin",                     // U+FF3C fullwidth reverse solidus
		"/v1/%ef%bc%85%32%65%ef%bc%85%32%65/admin", // U+FF05 fullwidth '%': NFKC "%2e%2e"
		"/v1/..%ef%bc%9bx/admin",                   // U+FF1B fullwidth ';': NFKC "..;x"
		"/v1/\uff0e\uff0e/admin",                   // the same, unescaped
		"/v1/..%2fadmin", "/v1/..%5cadmin", "/v1/%2e%2e/admin",
	} {
		u := mustURL(t, "https://api.example.com"+path)
		err := p.CheckURL(u)
		if err == nil {
			t.Errorf("%s is allowed under /v1; a lenient server reads it as /%s", path, strings.Join(lenientPath(u.EscapedPath()), "/"))
			continue
		}
		if !strings.Contains(err.Error(), "which servers may read as another path") {
			t.Errorf("%s: %v; want the refusal to say the path is ambiguous", path, err)
		}
	}
	for _, path := range []string{"/v1/caf%C3%A9", "/v1/caf\u00e9", "/v1/a.b", "/v1/%E6%97%A5%E6%9C%AC"} {
		if err := p.CheckURL(mustURL(t, "https://api.example.com"+path)); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}

// A refusal names what was missing: when the host or address is granted
// and only the port differs, the port and the granted ports, not "grant
// the literal address".
func TestNetRefusalNamesThePort(t *testing.T) {
	t.Parallel()
	p, err := NewNetPolicy([]string{"127.0.0.1:8080", "api.example.com:443", "api.example.com:8443", "https://cdn.example.com/assets"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ url, want string }{
		{"http://127.0.0.1:9090/", `net "http://127.0.0.1:9090/" is refused: port 9090 is not granted for 127.0.0.1 (granted: 8080) (grant "127.0.0.1:9090" in permissions.net in .core/view.yml)`},
		{"http://0x7f000001:9090/", `port 9090 is not granted for 0x7f000001 (granted: 8080)`},
		{"https://api.example.com:9443/", `port 9443 is not granted for api.example.com (granted: 443, 8443) (grant "api.example.com:9443" in permissions.net`},
		{"http://cdn.example.com/assets/x", `http is not granted for cdn.example.com (granted: https://cdn.example.com/assets)`},
		{"https://cdn.example.com/private", `the path is not under the granted prefix /assets`},
		{"http://127.0.0.2:8080/", `127.0.0.2 is a loopback address (grant the literal address in`},
	} {
		err := p.CheckURL(mustURL(t, c.url))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("CheckURL(%s) = %v\nwant %q", c.url, err, c.want)
		}
	}
	// At dial time too.
	if err := p.CheckAddr("127.0.0.1", 9090, netip.MustParseAddr("127.0.0.1")); err == nil || !strings.Contains(err.Error(), "port 9090 is not granted for 127.0.0.1 (granted: 8080)") {
		t.Errorf("CheckAddr = %v", err)
	}
	dial := p.DialContext(nil, nil)
	if _, err := dial(context.Background(), "tcp", "api.example.com:9443"); err == nil || !strings.Contains(err.Error(), "port 9443 is not granted for api.example.com (granted: 443, 8443)") {
		t.Errorf("DialContext = %v", err)
	}
}
