package kv

import (
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Opener opens the store a URL names, for the scheme it was registered
// with.
type Opener func(u *url.URL, opt Options) (*DB, error)

var (
	schemesMu sync.RWMutex
	schemes   = map[string]Opener{}
)

// RegisterScheme makes OpenURL open URLs of scheme with open. A backend
// package registers its schemes when it is imported (kv/etcdkv registers
// "etcd" and "etcds"), as database/sql drivers do, so that a program that
// does not import it does not link it. It panics if the scheme is
// registered twice or is one of OpenURL's own.
func RegisterScheme(scheme string, open Opener) {
	scheme = strings.ToLower(scheme)
	schemesMu.Lock()
	defer schemesMu.Unlock()
	if scheme == "file" || scheme == "memory" || schemes[scheme] != nil || open == nil {
		panic("kv: RegisterScheme " + scheme + " twice, or a built-in one")
	}
	schemes[scheme] = open
}

// OpenURL opens the store at location:
//
//   - a path, or a file:// URL, is a bbolt file, opened as Open opens it;
//   - "memory:" is a store in memory (OpenMemory);
//   - a URL of another scheme is opened by the package registered for it
//     (RegisterScheme): for etcd://host:2379,host:2379/prefix, import
//     github.com/corets/corets-wasm/kv/etcdkv.
//
// Only something with "://" in it is taken for a URL, so a Windows path
// such as C:\app\store.db is a path.
func OpenURL(location string, opt Options) (*DB, error) {
	if location == "memory:" || location == "memory://" {
		return OpenMemory(opt), nil
	}
	if !strings.Contains(location, "://") {
		return Open(location, opt)
	}
	u, err := parseHostList(location)
	if err != nil {
		return nil, errorf(ErrInvalid, "store URL: %v", redactErr(err, location))
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme == "file" {
		if isDrive(u.Host) { // file://C:/app/store.db, as often written for file:///C:/...
			u.Path, u.Host = "/"+u.Host+u.Path, ""
		}
		if u.Host != "" && u.Host != "localhost" {
			return nil, errorf(ErrInvalid, "store URL %s: a file URL names no host", u.Redacted())
		}
		return Open(filepath.FromSlash(fileURLPath(u)), opt)
	}
	schemesMu.RLock()
	open := schemes[scheme]
	schemesMu.RUnlock()
	if open == nil {
		return nil, errorf(ErrInvalid, "store URL %s: no store for scheme %q (known: %s)", u.Redacted(), u.Scheme, strings.Join(Schemes(), ", "))
	}
	return open(u, opt)
}

// Schemes lists the URL schemes OpenURL opens, sorted.
func Schemes() []string {
	schemesMu.RLock()
	defer schemesMu.RUnlock()
	out := []string{"file", "memory"}
	for s := range schemes {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// fileURLPath is a file URL's path; on Windows, file:///C:/x is C:/x.
func fileURLPath(u *url.URL) string {
	p := u.Path
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		return p[1:]
	}
	return p
}

// redactErr keeps a URL's password out of url.Parse's error, which quotes
// the whole URL.
func redactErr(err error, location string) string {
	msg := err.Error()
	if i := strings.Index(location, "://"); i >= 0 {
		rest := location[i+3:]
		if at := strings.LastIndex(strings.SplitN(rest, "/", 2)[0], "@"); at >= 0 {
			if c := strings.Index(rest[:at], ":"); c >= 0 {
				msg = strings.ReplaceAll(msg, rest[c+1:at], "xxxxx")
			}
		}
	}
	return fmt.Sprint(msg)
}

// parseHostList is url.Parse for URLs that may name several hosts
// (etcd://[::1]:2379,[::2]:2379/p), which url.Parse takes for one
// malformed host when they are IPv6 literals: the list is set aside while
// the rest is parsed, and is u.Host, as given, for the scheme's opener.
func parseHostList(location string) (*url.URL, error) {
	i := strings.Index(location, "://")
	rest := location[i+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndex(rest[:end], "@")
	hosts := rest[at+1 : end]
	if !strings.Contains(hosts, ",") {
		return url.Parse(location)
	}
	u, err := url.Parse(location[:i+3] + rest[:at+1] + "hosts" + rest[end:])
	if err != nil {
		return nil, err
	}
	u.Host = hosts
	return u, nil
}

// isDrive reports whether host is a Windows drive such as "C:".
func isDrive(host string) bool {
	return len(host) == 2 && host[1] == ':' && ('a' <= host[0] && host[0] <= 'z' || 'A' <= host[0] && host[0] <= 'Z')
}
