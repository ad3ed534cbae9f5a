package etcdkv

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/corets/corets-wasm/kv"
)

// Defaults of Config.
const (
	DefaultPrefix         = "corets/"
	DefaultPort           = "2379"
	DefaultDialTimeout    = 5 * time.Second
	DefaultRequestTimeout = 5 * time.Second

	// MaxValueBytes is the largest value this backend stores: etcd takes a
	// request of at most 1.5 MiB by default (--max-request-bytes), and a
	// write's transaction carries its key, the partition's record and the
	// checks of what it read beside the value. Larger
	// kv.Options.MaxValueBytes settings are cut to it.
	MaxValueBytes = 1<<20 + 1<<19 - 128<<10

	// MaxTxnOps is etcd's default limit on the operations, and on the
	// checks, of one transaction (--max-txn-ops). A transaction over it
	// fails with kv.ErrTooLarge and writes nothing.
	MaxTxnOps = 128
)

// Config says which cluster to use and how.
type Config struct {
	// Endpoints are the members' client addresses, host:port.
	Endpoints []string
	// Prefix starts every key this store writes (default "corets/"). Two
	// stores on one cluster with different prefixes never see each
	// other's keys. It may not contain a NUL byte.
	Prefix string
	// TLS, if set, is used to reach every endpoint.
	TLS *tls.Config
	// Username and Password authenticate to a cluster with auth enabled.
	Username, Password string
	// DialTimeout bounds connecting (default 5s); RequestTimeout bounds
	// every request, and the retries of a transaction that keeps meeting
	// other writers (default 5s).
	DialTimeout, RequestTimeout time.Duration
}

func (c Config) normalized() (Config, error) {
	if len(c.Endpoints) == 0 {
		return c, fmt.Errorf("%w: etcd store: no endpoints", kv.ErrInvalid)
	}
	for _, ep := range c.Endpoints {
		if strings.TrimSpace(ep) == "" {
			return c, fmt.Errorf("%w: etcd store: an empty endpoint in %q", kv.ErrInvalid, c.Endpoints)
		}
	}
	if c.Prefix == "" {
		c.Prefix = DefaultPrefix
	}
	if strings.IndexByte(c.Prefix, 0) >= 0 {
		return c, fmt.Errorf("%w: etcd store: key prefix %q contains a NUL byte", kv.ErrInvalid, c.Prefix)
	}
	if c.DialTimeout <= 0 {
		c.DialTimeout = DefaultDialTimeout
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	return c, nil
}

// name is the store as errors show it: a URL without the password.
func (c Config) name() string {
	u := url.URL{Scheme: "etcd", Host: strings.Join(c.Endpoints, ","), Path: "/" + strings.TrimSuffix(c.Prefix, "/")}
	if c.TLS != nil {
		u.Scheme = "etcds"
	}
	if c.Username != "" {
		u.User = url.User(c.Username)
	}
	return u.String()
}

func init() {
	open := func(u *url.URL, opt kv.Options) (*kv.DB, error) {
		cfg, err := parseURL(u)
		if err != nil {
			return nil, err
		}
		return Open(cfg, opt)
	}
	kv.RegisterScheme("etcd", open)
	kv.RegisterScheme("etcds", open)
}

// ParseURL reads a store URL:
//
//	etcd://[user:pass@]host:port,host:port[/prefix][?ca=FILE&cert=FILE&key=FILE]
//
// etcds:// is the same over TLS, checked against the system's roots unless
// ca= names a PEM file of CA certificates; cert= and key= (together) are a
// client certificate. A port left out is 2379. The path is the key prefix
// ("/app" is "app/"; none is DefaultPrefix). Errors never show the
// password.
func ParseURL(location string) (Config, error) {
	// url.Parse takes one host; a list of them, such as [::1]:2379,[::2],
	// is set aside and checked host by host.
	orig := location
	hosts, hasHosts := "", false
	if i := strings.Index(location, "://"); i >= 0 {
		rest := location[i+3:]
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		at := strings.LastIndex(rest[:end], "@")
		if h := rest[at+1 : end]; strings.Contains(h, ",") {
			hosts, hasHosts = h, true
			location = location[:i+3] + rest[:at+1] + "hosts" + rest[end:]
		}
	}
	u, err := url.Parse(location)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return Config{}, fmt.Errorf("%w: store URL %s: %v", kv.ErrInvalid, redact(orig), err)
	}
	if hasHosts {
		u.Host = hosts
	}
	return parseURL(u)
}

func parseURL(u *url.URL) (Config, error) {
	bad := func(format string, args ...any) (Config, error) {
		return Config{}, fmt.Errorf("%w: store URL %s: %s", kv.ErrInvalid, u.Redacted(), fmt.Sprintf(format, args...))
	}
	var cfg Config
	scheme := strings.ToLower(u.Scheme)
	if scheme != "etcd" && scheme != "etcds" {
		return bad("scheme %q is not etcd or etcds", u.Scheme)
	}
	if u.Opaque != "" {
		return bad("want etcd://host:port")
	}
	if u.Host == "" {
		return bad("no host: want etcd://host:port[,host:port]")
	}
	for _, h := range strings.Split(u.Host, ",") {
		ep, err := endpoint(h)
		if err != nil {
			return bad("%v", err)
		}
		cfg.Endpoints = append(cfg.Endpoints, ep)
	}
	if u.User != nil {
		cfg.Username = u.User.Username()
		cfg.Password, _ = u.User.Password()
		if cfg.Username == "" {
			return bad("a password without a user name")
		}
	}
	if p := strings.Trim(u.Path, "/"); p != "" {
		if strings.IndexByte(p, 0) >= 0 {
			return bad("the key prefix contains a NUL byte")
		}
		cfg.Prefix = p + "/"
	}
	if u.Fragment != "" {
		return bad("a fragment (#%s) means nothing here", u.Fragment)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return bad("query: %v", err)
	}
	files := map[string]string{}
	for k, v := range q {
		switch k {
		case "ca", "cert", "key":
			if len(v) != 1 || v[0] == "" {
				return bad("%s= wants one file name", k)
			}
			files[k] = v[0]
		default:
			return bad("unknown parameter %q (known: ca, cert, key)", k)
		}
	}
	if scheme == "etcd" {
		if len(files) > 0 {
			return bad("ca=, cert= and key= need TLS: use etcds://")
		}
		return cfg, nil
	}
	if (files["cert"] == "") != (files["key"] == "") {
		return bad("cert= and key= go together")
	}
	cfg.TLS = &tls.Config{MinVersion: tls.VersionTLS12}
	if ca := files["ca"]; ca != "" {
		pem, err := readSmall(ca)
		if err != nil {
			return bad("ca file: %v", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return bad("ca file %s holds no PEM certificate", ca)
		}
		cfg.TLS.RootCAs = pool
	}
	if files["cert"] != "" {
		certPEM, err := readSmall(files["cert"])
		if err != nil {
			return bad("cert file: %v", err)
		}
		keyPEM, err := readSmall(files["key"])
		if err != nil {
			return bad("key file: %v", err)
		}
		pair, err := tls.X509KeyPair(certPEM, keyPEM)
		if err != nil {
			return bad("cert %s and key %s: %v", files["cert"], files["key"], err)
		}
		cfg.TLS.Certificates = []tls.Certificate{pair}
	}
	return cfg, nil
}

// endpoint checks one host[:port] of the URL.
func endpoint(h string) (string, error) {
	if h == "" {
		return "", errors.New("an empty host in the host list")
	}
	host, port, err := net.SplitHostPort(h)
	if err != nil {
		if strings.Contains(err.Error(), "missing port") {
			host, port = strings.Trim(h, "[]"), DefaultPort
		} else {
			return "", fmt.Errorf("host %q: %v", h, err)
		}
	}
	if host == "" {
		return "", fmt.Errorf("host %q has no name", h)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return "", fmt.Errorf("host %q: port %q is not a number from 1 to 65535", h, port)
	}
	return net.JoinHostPort(host, port), nil
}

// maxPEMFile bounds the CA, certificate and key files read.
const maxPEMFile = 1 << 20

func readSmall(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxPEMFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxPEMFile {
		return nil, fmt.Errorf("%s is over %d bytes", path, maxPEMFile)
	}
	return b, nil
}

// redact hides the password of a URL that did not parse.
func redact(location string) string {
	i := strings.Index(location, "://")
	if i < 0 {
		return strconv.Quote(location)
	}
	rest := location[i+3:]
	hostEnd := strings.IndexAny(rest, "/?#")
	if hostEnd < 0 {
		hostEnd = len(rest)
	}
	if at := strings.LastIndex(rest[:hostEnd], "@"); at >= 0 {
		if c := strings.Index(rest[:at], ":"); c >= 0 {
			rest = rest[:c] + ":xxxxx" + rest[at:]
		}
	}
	return strconv.Quote(location[:i+3] + rest)
}
