package caps

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NetPolicy is a module's network grants. A nil *NetPolicy grants nothing.
//
// Grant forms:
//
//	api.example.com:443          host:port exactly (the CoreTS form), http or https
//	api.example.com              the scheme's default port: 80 for http, 443 for https
//	*.example.com[:port]         any subdomain, at any depth; not example.com itself
//	https://api.example.com/v1   scheme, host, port (default by scheme) and a path prefix
//	10.0.0.5:8080, [::1]:8080    IP literals; the only way to reach a special address
//
// Hosts are lowercased and lose a trailing dot; non-ASCII hosts are refused
// (use punycode). A wildcard needs at least two labels after "*." ("*.com"
// is refused as too broad) and cannot cover IP addresses.
type NetPolicy struct {
	grants []netGrant
}

type netGrant struct {
	raw      string
	scheme   string // "" for http or https
	wildcard bool   // host is the suffix after "*."
	host     string // a name, or an IP's text when isIP
	ip       netip.Addr
	isIP     bool
	port     int      // 0: the scheme's default port
	path     []string // decoded segments of a path prefix; nil for any path
}

// NewNetPolicy parses the net grants; an error names permissions.net[i].
// An empty list grants nothing.
func NewNetPolicy(grants []string) (*NetPolicy, error) {
	p := &NetPolicy{}
	for i, s := range grants {
		g, err := parseNetGrant(s)
		if err != nil {
			return nil, fmt.Errorf("permissions.net[%d] %s: %v", i, quote(s), err)
		}
		p.grants = append(p.grants, g)
	}
	return p, nil
}

// Grants returns the grants as the manifest gave them.
func (p *NetPolicy) Grants() []string {
	if p == nil {
		return nil
	}
	out := make([]string, len(p.grants))
	for i, g := range p.grants {
		out[i] = g.raw
	}
	return out
}

func parseNetGrant(s string) (netGrant, error) {
	g := netGrant{raw: s}
	if s == "" {
		return g, errors.New("the grant is empty")
	}
	for _, r := range s {
		if r <= ' ' || unicode.IsControl(r) {
			return g, errors.New("the grant contains a space or a control character")
		}
	}
	authority, rest := s, ""
	if i := strings.Index(s, "://"); i >= 0 {
		g.scheme = strings.ToLower(s[:i])
		if g.scheme != "http" && g.scheme != "https" {
			return g, errors.New("only http and https URLs can be granted")
		}
		authority = s[i+3:]
		if j := strings.IndexByte(authority, '/'); j >= 0 {
			authority, rest = authority[:j], authority[j:]
		}
	}
	switch {
	case strings.ContainsAny(s, "?#"):
		return g, errors.New("a grant cannot hold a query or a fragment")
	case strings.ContainsRune(authority, '@'):
		return g, errors.New("a grant cannot hold a user name or password")
	case g.scheme == "" && strings.ContainsRune(authority, '/'):
		return g, errors.New("a path needs a scheme, as in https://host/path")
	}
	var err error
	if g.host, g.wildcard, g.ip, g.isIP, g.port, err = parseAuthority(authority, true); err != nil {
		return g, err
	}
	if g.port == 0 && g.scheme != "" {
		g.port = defaultPort(g.scheme)
	}
	if rest != "" {
		segs, ambiguous, dots := pathSegments(rest)
		switch {
		case ambiguous || dots:
			return g, errors.New("the path has dot segments or encoded separators")
		case len(segs) > 0 && segs[len(segs)-1] == "":
			segs = segs[:len(segs)-1] // "/v1/" is the prefix "/v1"
		}
		for _, seg := range segs {
			if seg == "" {
				return g, errors.New("the path has an empty segment")
			}
		}
		if len(segs) > 0 {
			g.path = segs
		}
	}
	return g, nil
}

func defaultPort(scheme string) int {
	if scheme == "https" {
		return 443
	}
	return 80
}

// parseAuthority splits host[:port], with IPv6 in brackets, and normalises
// the host. A wildcard "*." prefix is allowed only in grants. An empty port
// after ':' is refused in grants and means the default in URLs, as the HTTP
// transport reads it.
func parseAuthority(a string, grant bool) (host string, wildcard bool, ip netip.Addr, isIP bool, port int, err error) {
	hostPart, portPart, hasPort := a, "", false
	if strings.HasPrefix(a, "[") {
		end := strings.IndexByte(a, ']')
		if end < 0 {
			return "", false, ip, false, 0, errors.New("the host has an unclosed '['")
		}
		hostPart = a[:end+1]
		if tail := a[end+1:]; tail != "" {
			if tail[0] != ':' {
				return "", false, ip, false, 0, errors.New("unexpected text after ']'")
			}
			portPart, hasPort = tail[1:], true
		}
	} else {
		switch strings.Count(a, ":") {
		case 0:
		case 1:
			i := strings.IndexByte(a, ':')
			hostPart, portPart, hasPort = a[:i], a[i+1:], true
		default:
			return "", false, ip, false, 0, errors.New("an IPv6 address needs brackets, as in [::1]:8080")
		}
	}
	if hasPort && (portPart != "" || grant) {
		if port, err = parsePort(portPart); err != nil {
			return "", false, ip, false, 0, err
		}
	}
	if grant && strings.HasPrefix(hostPart, "*.") {
		wildcard, hostPart = true, hostPart[2:]
	}
	host, ip, isIP, err = ParseHost(hostPart)
	switch {
	case err != nil:
		return "", false, ip, false, 0, err
	case wildcard && isIP:
		return "", false, ip, false, 0, errors.New("a wildcard cannot cover IP addresses")
	case wildcard && !strings.Contains(host, "."):
		return "", false, ip, false, 0, errors.New("a wildcard needs at least two labels after \"*.\"")
	}
	return host, wildcard, ip, isIP, port, nil
}

func parsePort(s string) (int, error) {
	if s == "" || len(s) > 5 {
		return 0, errors.New("the port is not a number from 1 to 65535")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, errors.New("the port is not a number from 1 to 65535")
		}
	}
	n, _ := strconv.Atoi(s)
	if n < 1 || n > 65535 {
		return 0, errors.New("the port is not a number from 1 to 65535")
	}
	return n, nil
}

// Look-alikes of '.', '/' and '\' that some servers fold into them. NFKC
// folds most of them (and more, such as U+2025, two dots); these are also
// refused where NFKC leaves them alone (U+2215, U+2044, U+2216).
const confusables = "\u2024\ufe52\uff0e\u2215\u2044\uff0f\uff3c\ufe68\u2216"

// ambiguousSegment reports a decoded path segment that a server may read
// as something else than its bytes: invalid UTF-8 (an overlong encoding
// such as C0 AE is '.' to a lenient decoder), a separator, a '%' (double
// encoding), a control character, a look-alike of '.', '/' or '\', or a
// dot segment with a parameter or trailing spaces ("..;x", ".. "); each
// checked on the segment and on its NFKC form, which is what servers that
// normalise Unicode see (U+FF0E U+FF0E is "..", U+FF0F is '/').
func ambiguousSegment(dec string) bool {
	if !utf8.ValidString(dec) || strings.ContainsAny(dec, confusables) {
		return true
	}
	for _, s := range []string{dec, norm.NFKC.String(dec)} {
		if strings.ContainsAny(s, "/\\%") {
			return true
		}
		for _, r := range s {
			if unicode.IsControl(r) {
				return true
			}
		}
		if base, _, _ := strings.Cut(s, ";"); strings.TrimRight(base, " ") == "." || strings.TrimRight(base, " ") == ".." {
			return true
		}
	}
	return false
}

// pathSegments splits an escaped URL path into decoded segments, resolving
// literal "." and ".." segments as RFC 3986 does. ambiguous reports a path
// that servers may read differently: an encoded '/' or '\', an encoded or
// parameter-suffixed dot segment ("%2e%2e", "..;x"), a '%' left after
// decoding (double encoding), a control character, a look-alike dot or
// slash, invalid UTF-8 such as an overlong '.', anything whose NFKC form is
// one of these (see ambiguousSegment), or dot segments together with empty
// segments (servers that merge "//" resolve ".." differently). dots reports
// literal dot segments.
func pathSegments(escaped string) (segs []string, ambiguous, dots bool) {
	if escaped == "" {
		escaped = "/"
	}
	if escaped[0] != '/' {
		return nil, true, false
	}
	raw := strings.Split(escaped[1:], "/")
	empty := false
	segs = make([]string, 0, len(raw))
	for i, seg := range raw {
		if seg == "." || seg == ".." {
			dots = true
			if seg == ".." && len(segs) > 0 {
				segs = segs[:len(segs)-1]
			}
			if i == len(raw)-1 {
				segs = append(segs, "") // "/a/." is "/a/"
			}
			continue
		}
		if seg == "" && i < len(raw)-1 {
			empty = true
		}
		dec, err := url.PathUnescape(seg)
		if err != nil || ambiguousSegment(dec) {
			ambiguous = true
		}
		segs = append(segs, dec)
	}
	if dots && empty {
		ambiguous = true
	}
	return segs, ambiguous, dots
}

func (g *netGrant) matchHost(name string, ip netip.Addr, isIP bool) bool {
	switch {
	case g.isIP:
		return isIP && ip == g.ip
	case isIP:
		return false
	case g.wildcard:
		return len(name) > len(g.host) && strings.HasSuffix(name, g.host) && name[len(name)-len(g.host)-1] == '.'
	}
	return name == g.host
}

// matchPort checks the port; scheme "" (at dial time) admits either default.
func (g *netGrant) matchPort(scheme string, port int) bool {
	switch {
	case g.port != 0:
		return port == g.port
	case scheme == "":
		return port == 80 || port == 443
	}
	return port == defaultPort(scheme)
}

func (g *netGrant) matchPath(segs []string, ambiguous bool) bool {
	if g.path == nil {
		return true
	}
	if ambiguous || len(segs) < len(g.path) {
		return false
	}
	for i, s := range g.path {
		if segs[i] != s {
			return false
		}
	}
	return true
}

// CheckURL checks a request's URL, before the request and again on every
// redirect (see CheckRedirect): the scheme must be http or https; a URL with
// a user name or password is refused; the host is normalised with ParseHost
// and the port defaulted by scheme; the path is compared after resolving dot
// segments, so a prefix grant "/v1" covers "/v1" and "/v1/x" but not "/v10"
// nor "/v1/../admin". A path servers may read differently (an encoded '/' or
// '.', double encoding, see pathSegments) matches only grants without a path
// prefix. An IP literal matches only a grant of that literal address; for a
// special address (see Special) the refusal says so.
//
// CheckURL does not resolve names: the dialer from DialContext checks the
// addresses a name resolves to.
func (p *NetPolicy) CheckURL(u *url.URL) error {
	if p == nil {
		p = &NetPolicy{}
	}
	if u == nil {
		return &DeniedError{Capability: "net", Value: "", Reason: "there is no URL"}
	}
	value := u.Redacted()
	deny := func(reason string) error { return &DeniedError{Capability: "net", Value: value, Reason: reason} }
	scheme := strings.ToLower(u.Scheme)
	switch {
	case scheme != "http" && scheme != "https":
		return deny("only http and https URLs can be fetched")
	case u.Opaque != "" || u.Host == "":
		return deny("the URL has no host")
	case u.User != nil:
		return deny("the URL carries a user name or password")
	}
	name, _, ip, isIP, port, err := parseAuthority(u.Host, false)
	if err != nil {
		return deny(err.Error())
	}
	if port == 0 {
		port = defaultPort(scheme)
	}
	segs, ambiguous, _ := pathSegments(u.EscapedPath())
	var prefixes []string // path prefixes granted for this scheme, host and port
	for i := range p.grants {
		g := &p.grants[i]
		if (g.scheme == "" || g.scheme == scheme) && g.matchHost(name, ip, isIP) && g.matchPort(scheme, port) {
			if g.matchPath(segs, ambiguous) {
				return nil
			}
			prefixes = append(prefixes, "/"+strings.Join(g.path, "/"))
		}
	}
	// The refusal names what was missing: the path or the port, when the
	// host itself is granted.
	switch {
	case len(prefixes) > 0 && ambiguous:
		return deny("the path has an encoded separator, a dot segment, invalid UTF-8 (such as an overlong '.') or a character whose NFKC form is '.', '/' or '\\', which servers may read as another path; a grant with a path prefix covers only plain paths")
	case len(prefixes) > 0:
		return &DeniedError{Capability: "net", Value: value, Grantable: true,
			Reason: fmt.Sprintf("the path is not under the granted prefix %s", strings.Join(prefixes, ", "))}
	}
	if ports := p.portsFor(scheme, name, ip, isIP); ports != "" {
		return portDenied(value, u.Hostname(), port, ports)
	}
	var others []string // grants of the host for the other scheme
	for i := range p.grants {
		if g := &p.grants[i]; g.matchHost(name, ip, isIP) {
			others = append(others, g.raw)
		}
	}
	if len(others) > 0 {
		return &DeniedError{Capability: "net", Value: value, Grantable: true,
			Reason: fmt.Sprintf("%s is not granted for %s (granted: %s)", scheme, u.Hostname(), strings.Join(others, ", "))}
	}
	if isIP {
		if reason, special := Special(ip); special {
			return &DeniedError{Capability: "net", Value: value, Reason: ip.String() + " is " + reason,
				Grantable: true, Hint: literalHint}
		}
	}
	return &DeniedError{Capability: "net", Value: value, Grantable: true}
}

// CheckRedirect is an http.Client CheckRedirect: it checks every redirect's
// URL with CheckURL and stops after 10 redirects.
func (p *NetPolicy) CheckRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	return p.CheckURL(req.URL)
}

// CheckAddr is the dial-time check: host is the name (or literal) the
// request used, port its port, and ip one address it resolved to. The host
// and port must be covered by a grant (scheme and path are CheckURL's
// business). A special address (see Special) is reached only through a grant
// of that literal address and port; through a name, only when that literal
// grant has no path prefix, so a name cannot widen a literal grant's path.
func (p *NetPolicy) CheckAddr(host string, port int, ip netip.Addr) error {
	if p == nil {
		p = &NetPolicy{}
	}
	value := net.JoinHostPort(host, strconv.Itoa(port))
	deny := func(reason string) error { return &DeniedError{Capability: "net", Value: value, Reason: reason} }
	if port < 1 || port > 65535 {
		return deny("the port is not a number from 1 to 65535")
	}
	name, hostIP, isIP, err := ParseHost(host)
	if err != nil {
		return deny(err.Error())
	}
	if !ip.IsValid() {
		return deny("the address is not valid")
	}
	if ip.Zone() != "" {
		return deny("addresses with a zone are refused")
	}
	ip = ip.Unmap()
	if isIP && ip != hostIP {
		return deny("the address does not match the host")
	}
	covered, literal := false, false
	for i := range p.grants {
		g := &p.grants[i]
		if !g.matchPort("", port) {
			continue
		}
		if g.matchHost(name, hostIP, isIP) {
			covered = true
		}
		if g.isIP && g.ip == ip && (isIP || g.path == nil) {
			literal = true
		}
	}
	if !covered {
		if ports := p.portsFor("", name, hostIP, isIP); ports != "" {
			return portDenied(value, host, port, ports)
		}
		return &DeniedError{Capability: "net", Value: value, Grantable: true}
	}
	if reason, special := Special(ip); special && !literal {
		r := ip.String() + " is " + reason
		if !isIP {
			r = name + " resolved to " + ip.String() + ", " + reason
		}
		return &DeniedError{Capability: "net", Value: value, Reason: r, Grantable: true, Hint: literalHint}
	}
	return nil
}

// portDenied is a request to a granted host on a port no grant of it
// covers (granted lists the ports that are): the hint names the host:port
// to grant.
func portDenied(value, host string, port int, granted string) *DeniedError {
	return &DeniedError{Capability: "net", Value: value, Grantable: true,
		Reason: fmt.Sprintf("port %d is not granted for %s (granted: %s)", port, host, granted),
		Hint:   fmt.Sprintf("grant %q in", net.JoinHostPort(strings.Trim(host, "[]"), strconv.Itoa(port)))}
}

// literalHint is how a special address is granted.
const literalHint = "grant the literal address in"

// Resolver resolves names; *net.Resolver satisfies it.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// DialContext returns a function for http.Transport.DialContext. It dials
// TCP only. It refuses a host:port no grant covers before any DNS query, so
// a refused name is never looked up; it resolves a name with r
// (net.DefaultResolver when nil), checks every address with CheckAddr, and
// dials the checked addresses themselves, never the name again, so DNS
// rebinding cannot slip a second answer in. An IP literal in any form
// ParseHost reads is dialled as that address without a lookup. If every
// address is refused, the error is the first *DeniedError.
//
// The transport must not use a proxy (set Proxy to nil): a proxy would be
// dialled instead of the target, and the target's address never checked.
func (p *NetPolicy) DialContext(r Resolver, d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	if p == nil {
		p = &NetPolicy{}
	}
	if r == nil {
		r = net.DefaultResolver
	}
	if d == nil {
		d = &net.Dialer{}
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		deny := func(reason string) error { return &DeniedError{Capability: "net", Value: addr, Reason: reason} }
		var lookup string
		switch network {
		case "tcp":
			lookup = "ip"
		case "tcp4":
			lookup = "ip4"
		case "tcp6":
			lookup = "ip6"
		default:
			return nil, deny("only TCP connections can be made")
		}
		host, portText, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, deny("the address is not host:port")
		}
		port, err := parsePort(portText)
		if err != nil {
			return nil, deny(err.Error())
		}
		name, ip, isIP, err := ParseHost(host)
		if err != nil {
			return nil, deny(err.Error())
		}
		var addrs []netip.Addr
		if isIP {
			addrs = []netip.Addr{ip}
		} else {
			if !p.coversName(name, port) {
				if ports := p.portsFor("", name, netip.Addr{}, false); ports != "" {
					return nil, portDenied(addr, host, port, ports)
				}
				return nil, &DeniedError{Capability: "net", Value: addr, Grantable: true}
			}
			if addrs, err = r.LookupNetIP(ctx, lookup, name); err != nil {
				return nil, err
			}
		}
		var denied error
		var allowed []netip.Addr
		for _, a := range addrs {
			a = a.Unmap()
			if network == "tcp4" && !a.Is4() || network == "tcp6" && !a.Is6() {
				continue
			}
			if err := p.CheckAddr(name, port, a); err != nil {
				if denied == nil {
					denied = err
				}
				continue
			}
			allowed = append(allowed, a)
		}
		if len(allowed) == 0 {
			if denied != nil {
				return nil, denied
			}
			return nil, &net.DNSError{Err: "no suitable address", Name: name, IsNotFound: true}
		}
		var lastErr error
		for _, a := range allowed {
			conn, err := d.DialContext(ctx, network, netip.AddrPortFrom(a, uint16(port)).String())
			if err == nil {
				return conn, nil
			}
			lastErr = err
			if ctx.Err() != nil {
				break
			}
		}
		return nil, lastErr
	}
}

// coversName reports whether any grant covers the name and port.
func (p *NetPolicy) coversName(name string, port int) bool {
	for i := range p.grants {
		if g := &p.grants[i]; g.matchHost(name, netip.Addr{}, false) && g.matchPort("", port) {
			return true
		}
	}
	return false
}

// portsFor lists the ports granted for a host with scheme ("" at dial time:
// any), as a refusal names them: "8080", "80, 443". Empty if the host has
// no grant at all.
func (p *NetPolicy) portsFor(scheme, name string, ip netip.Addr, isIP bool) string {
	var ports []int
	for i := range p.grants {
		g := &p.grants[i]
		if (scheme != "" && g.scheme != "" && g.scheme != scheme) || !g.matchHost(name, ip, isIP) {
			continue
		}
		switch {
		case g.port != 0:
			ports = append(ports, g.port)
		case scheme != "":
			ports = append(ports, defaultPort(scheme))
		default:
			ports = append(ports, 80, 443)
		}
	}
	slices.Sort(ports)
	ports = slices.Compact(ports)
	out := make([]string, len(ports))
	for i, n := range ports {
		out[i] = strconv.Itoa(n)
	}
	return strings.Join(out, ", ")
}
