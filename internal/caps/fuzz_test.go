package caps

import (
	"errors"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var pathSeeds = []string{
	"data/x", "./data/x", "data//x/", "data/./x", "data/../data/x", ".", "./", "..", "../x", "a/../../x",
	"/etc/passwd", `\x`, `C:\x`, "C:x", "c:/x", `\\server\share`, "//server/share", `\\?\C:\`, `\\.\PIPE\x`,
	"//./x", "file.txt:secret", "file::$DATA", "nul.txt", "CON", "com1", "LPT9.log", "COM¹", "x.", "x ",
	"%2e%2e/x", "data\x00x", "data\nx", "\xff\xfe", "..a/b..", "a/./b/../c/",
}

func FuzzCleanPath(f *testing.F) {
	for _, s := range pathSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		rel, err := CleanPath(p)
		if err != nil {
			var denied *DeniedError
			if !errors.As(err, &denied) || denied.Value != p || denied.Grantable || denied.Reason == "" {
				t.Fatalf("CleanPath(%q): unexpected error %#v", p, err)
			}
			return
		}
		switch {
		case rel == "":
			t.Fatalf("CleanPath(%q) is empty", p)
		case strings.ContainsAny(rel, ":\\\x00"):
			t.Fatalf("CleanPath(%q) = %q holds ':', '\\' or NUL", p, rel)
		case strings.HasPrefix(rel, "/"):
			t.Fatalf("CleanPath(%q) = %q is absolute", p, rel)
		case !utf8.ValidString(rel):
			t.Fatalf("CleanPath(%q) = %q is not UTF-8", p, rel)
		case len(rel) > len(p):
			t.Fatalf("CleanPath(%q) = %q grew", p, rel)
		}
		if rel != "." {
			for _, c := range strings.Split(rel, "/") {
				if c == "" || c == "." || c == ".." || reservedName(c) || strings.HasSuffix(c, ".") || strings.HasSuffix(c, " ") {
					t.Fatalf("CleanPath(%q) = %q has component %q", p, rel, c)
				}
			}
		}
		again, err := CleanPath(rel)
		if err != nil || again != rel {
			t.Fatalf("CleanPath not idempotent: %q -> %q -> %q, %v", p, rel, again, err)
		}
	})
}

func FuzzPathSetCheck(f *testing.F) {
	for _, g := range []string{"data", ".", "data/sub", "docs/readme.md"} {
		for _, p := range pathSeeds {
			f.Add(g, p)
		}
	}
	f.Add("data", "data-secrets")
	f.Add("data", "data/../data-secrets")
	f.Fuzz(func(t *testing.T, grant, p string) {
		s, err := NewPathSet("read", []string{grant})
		if err != nil {
			return
		}
		g := s.grants[0]
		rel, err := s.Check(p)
		if err != nil {
			if !errors.Is(err, ErrDenied) {
				t.Fatalf("Check(%q) under %q: %v is not a refusal", p, grant, err)
			}
			return
		}
		if want, err := CleanPath(p); err != nil || want != rel {
			t.Fatalf("Check(%q) = %q, CleanPath = %q, %v", p, rel, want, err)
		}
		if !(g == "." || rel == g || strings.HasPrefix(rel, g+"/")) {
			t.Fatalf("Check(%q) = %q allowed outside the grant %q", p, rel, g)
		}
	})
}

var hostSeeds = []string{
	"example.com", "API.Example.COM.", "127.0.0.1", "2130706433", "0x7f000001", "0177.0.0.1", "127.1", "0x7f.1",
	"[::1]", "::ffff:127.0.0.1", "[fe80::1%25eth0]", "fe80::1%eth0", "1.2.3.4.5", "bücher.example", "*.example.com",
	"0x", "0", "4294967296", "[::127.0.0.1]", "a..b", "-a.com", "_x.example", "..", ".",
}

func FuzzParseHost(f *testing.F) {
	for _, s := range hostSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		name, ip, isIP, err := ParseHost(h)
		if err != nil {
			return
		}
		switch {
		case name == "" || strings.HasSuffix(name, "."):
			t.Fatalf("ParseHost(%q) = %q", h, name)
		case name != strings.ToLower(name):
			t.Fatalf("ParseHost(%q) = %q is not lowercase", h, name)
		case isIP != ip.IsValid():
			t.Fatalf("ParseHost(%q): isIP %v but ip %v", h, isIP, ip)
		case isIP && (ip.Is4In6() || ip.Zone() != "" || name != ip.String()):
			t.Fatalf("ParseHost(%q) = %q, %v", h, name, ip)
		}
		for i := 0; i < len(name); i++ {
			if name[i] >= 0x80 || name[i] <= ' ' || strings.IndexByte("/?#@[]%*\\", name[i]) >= 0 {
				t.Fatalf("ParseHost(%q) = %q holds %q", h, name, name[i])
			}
		}
		name2, ip2, isIP2, err := ParseHost(name)
		if err != nil || name2 != name || ip2 != ip || isIP2 != isIP {
			t.Fatalf("ParseHost not idempotent: %q -> %q -> %q, %v", h, name, name2, err)
		}
	})
}

func FuzzCheckURL(f *testing.F) {
	grants := []string{"api.example.com:443", "*.example.com", "https://api.example.com/v1", "127.0.0.1:8080", "[::1]:8080", "example.com"}
	urls := []string{
		"https://api.example.com/", "http://0x7f000001/", "http://2130706433/", "http://[::ffff:127.0.0.1]/",
		"http://169.254.169.254/", "https://api.example.com/v1/../admin", "https://api.example.com/v1/%2e%2e/admin",
		"https://user:pw@api.example.com/", "ftp://example.com/", "http://127.0.0.1:8080/", "https://a.example.com:443/x",
		"http://[fe80::1%25eth0]/", "http:example.com", "//example.com", "https://api.example.com/v1;x/..",
	}
	for i, u := range urls {
		f.Add(grants[i%len(grants)], u)
	}
	// overlong UTF-8 and NFKC look-alikes of '.', '/' and '\' under a prefix
	for _, path := range []string{"%c0%ae%c0%ae/admin", "%e0%80%ae%e0%80%ae/admin", "..%c0%afadmin", "%ef%bc%8e%ef%bc%8e/admin",
		"%e2%80%a5/admin", "%ef%b9%92%ef%b9%92/admin", "..%ef%bc%8fadmin", "%e2%80%a4%e2%80%a4/admin", "..%ef%bc%9bx/admin"} {
		f.Add("https://api.example.com/v1", "https://api.example.com/v1/"+path)
	}
	f.Fuzz(func(t *testing.T, grant, raw string) {
		p, err := NewNetPolicy([]string{grant})
		if err != nil {
			return
		}
		u, err := url.Parse(raw)
		if err != nil {
			return
		}
		err = p.CheckURL(u)
		if err != nil {
			if !errors.Is(err, ErrDenied) {
				t.Fatalf("CheckURL(%q) under %q: %v is not a refusal", raw, grant, err)
			}
			return
		}
		scheme := strings.ToLower(u.Scheme)
		if scheme != "http" && scheme != "https" || u.User != nil || u.Opaque != "" {
			t.Fatalf("CheckURL allowed %q under %q", raw, grant)
		}
		name, _, ip, isIP, port, err := parseAuthority(u.Host, false)
		if err != nil {
			t.Fatalf("CheckURL allowed %q, whose host does not parse: %v", raw, err)
		}
		g := p.grants[0]
		if isIP != g.isIP || isIP && ip != g.ip {
			t.Fatalf("CheckURL allowed %q under %q: IP literals must match exactly", raw, grant)
		}
		if !isIP && !g.wildcard && name != g.host {
			t.Fatalf("CheckURL allowed host %q under %q", name, grant)
		}
		if port == 0 {
			port = defaultPort(scheme)
		}
		// Under a path prefix, a lenient server's reading of the path (see
		// lenientPath) stays under it too.
		if g.path != nil {
			read := lenientPath(u.EscapedPath())
			if len(read) < len(g.path) || !slices.Equal(read[:len(g.path)], g.path) {
				t.Fatalf("CheckURL allowed %q under %q, which a lenient server reads as /%s", raw, grant, strings.Join(read, "/"))
			}
		}
		// What CheckURL allows, the dialer allows too.
		dialIP := ip
		if !isIP {
			dialIP = netip.MustParseAddr("93.184.216.34")
		}
		if err := p.CheckAddr(name, port, dialIP); err != nil {
			t.Fatalf("CheckURL allowed %q under %q but CheckAddr refuses: %v", raw, grant, err)
		}
	})
}

func FuzzCheckGroup(f *testing.F) {
	for _, g := range []string{"settings", "shared", "_", "_runtime", "", "a\x00b", "\xff", strings.Repeat("g", 129), "ключ"} {
		f.Add(g, "shared")
	}
	f.Fuzz(func(t *testing.T, group, shared string) {
		scope, err := CheckGroup(group, []string{shared})
		if err != nil {
			if !errors.Is(err, ErrDenied) && !errors.Is(err, ErrInvalid) {
				t.Fatalf("CheckGroup(%q): %v", group, err)
			}
			if errors.Is(err, ErrDenied) && !strings.HasPrefix(group, "_") {
				t.Fatalf("CheckGroup(%q) denied", group)
			}
			return
		}
		switch {
		case group == "" || len(group) > MaxGroupLen || !utf8.ValidString(group) || group[0] == '_':
			t.Fatalf("CheckGroup(%q) allowed", group)
		case (scope == Shared) != (group == shared):
			t.Fatalf("CheckGroup(%q, [%q]) = %v", group, shared, scope)
		}
	})
}

// lenientPath is the path as the most lenient server reads it: every
// percent-escape decoded at once (so %2f separates), overlong UTF-8 decoded
// to the ASCII it spells, NFKC applied, '\\' read as '/', parameters after
// ';' dropped, and then dot segments resolved.
func lenientPath(escaped string) []string {
	dec, err := url.PathUnescape(escaped)
	if err != nil {
		dec = escaped
	}
	b := []byte(dec)
	var out []byte
	for i := 0; i < len(b); i++ {
		switch {
		case i+1 < len(b) && (b[i] == 0xc0 || b[i] == 0xc1) && b[i+1]&0xc0 == 0x80:
			out = append(out, (b[i]&0x1f)<<6|b[i+1]&0x3f)
			i++
		case i+2 < len(b) && b[i] == 0xe0 && b[i+1]&0xe0 == 0x80 && b[i+2]&0xc0 == 0x80 && b[i+1]&0x3f < 2:
			out = append(out, (b[i+1]&0x3f)<<6|b[i+2]&0x3f)
			i += 2
		default:
			out = append(out, b[i])
		}
	}
	p := strings.ReplaceAll(norm.NFKC.String(string(out)), "\\", "/")
	var segs []string
	for _, seg := range strings.Split(p, "/") {
		seg, _, _ = strings.Cut(seg, ";")
		switch strings.TrimRight(seg, " ") {
		case "", ".":
		case "..":
			if len(segs) > 0 {
				segs = segs[:len(segs)-1]
			}
		default:
			segs = append(segs, seg)
		}
	}
	return segs
}
