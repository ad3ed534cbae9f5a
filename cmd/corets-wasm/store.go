package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	_ "github.com/corets/corets-wasm/kv/etcdkv" // etcd:// and etcds:// stores

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
	"github.com/corets/corets-wasm/modules"
)

// The environment the store is also chosen by. The password is read from
// the environment rather than argv because any user of the machine can
// read a process's arguments (ps).
const (
	envStore         = "CORETS_STORE"
	envStorePassword = "CORETS_STORE_PASSWORD"
)

// storeBusy are the store errors that say the store exists but cannot be
// used now: another process holds the file, or the cluster does not
// answer. They exit with store_busy: trying again later may work, unlike
// with a wrong URL (usage) or a wrong certificate (config).
var storeBusy = []error{kv.ErrLocked, kv.ErrUnavailable}

// The URL schemes whose TLS options the command line carries: a plain
// scheme, and its TLS twin. Tests add schemes of their own.
var (
	plainSchemes = map[string]string{"etcd": "etcds"}
	tlsSchemes   = map[string]bool{"etcds": true}
)

// maxPEM bounds a certificate or key file the flags name.
const maxPEM = 1 << 20

// storeFlags are --store-ca, --store-cert and --store-key.
type storeFlags struct {
	ca, cert, key string
}

func addStoreFlags(fs *flag.FlagSet) *storeFlags {
	sf := &storeFlags{}
	fs.StringVar(&sf.ca, "store-ca", "", "trust the etcd members' certificates signed by the PEM CA certificates in `FILE` (etcds:// only; default: the system's roots)")
	fs.StringVar(&sf.cert, "store-cert", "", "present the PEM client certificate in `FILE` to etcd (etcds:// only; with --store-key)")
	fs.StringVar(&sf.key, "store-key", "", "the PEM private key in `FILE` of --store-cert")
	return sf
}

// storeChoice is the store the flags and the environment name, checked.
type storeChoice struct {
	// location is what kv.OpenURL opens, password and TLS files in it;
	// "" is the runtime's default (the app root's file, or memory).
	location string
	memory   bool   // a store in memory
	from     string // "--store" or CORETS_STORE, for messages
	shown    string // the location as messages show it: no password
	note     string // said on stderr before the store is opened
}

// storeFileError is a certificate or key file that does not read: a
// config failure, as a --key file that does not read is.
type storeFileError struct {
	what, path string
	err        error
}

func (e *storeFileError) Error() string { return fmt.Sprintf("%s %s: %v", e.what, e.path, e.err) }
func (e *storeFileError) Unwrap() error { return e.err }

// chooseStore reads --store (or CORETS_STORE, except for run), the TLS
// flags and CORETS_STORE_PASSWORD and checks them before anything is
// opened: a command line that cannot work is a usage error that says
// which part is wrong, a certificate that does not read a config one.
func (rf *runtimeFlags) chooseStore() (storeChoice, error) {
	sc := storeChoice{from: "--store"}
	loc := rf.store
	// run's store is in memory unless --store says otherwise: a run of a
	// module under development never writes into the store the
	// environment names for the app's commands (a module code shared with
	// an installed module would reach its data).
	if loc == "" && !rf.memoryStore {
		loc, sc.from = os.Getenv(envStore), envStore
	}
	sf := rf.tls
	given := sf.given()
	switch {
	case loc == "":
		if rf.memoryStore {
			sc.memory = true
		}
		return sc, sf.refuse(given, "the store is "+defaultStore(rf.memoryStore))
	case loc == "memory:" || loc == "memory://":
		if !rf.memoryStore {
			return sc, usagef("%s %s: a store in memory ends with the command, so nothing this command records would last; it is for run only (name a file, or an etcd:// URL)", sc.from, loc)
		}
		sc.memory, sc.shown = true, "memory"
		return sc, sf.refuse(given, "the store is in memory")
	case !strings.Contains(loc, "://"):
		sc.location, sc.shown = loc, loc
		return sc, sf.refuse(given, "the store is the file "+loc)
	}
	u, err := url.Parse(loc)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error quotes the URL, password and all
		}
		return sc, usagef("%s: not a store URL: %v", sc.from, err)
	}
	scheme := strings.ToLower(u.Scheme)
	sc.shown = u.Redacted()
	if scheme == "file" {
		sc.location = loc
		return sc, sf.refuse(given, "the store is the file "+sc.shown)
	}

	// the password: from the environment, or from the URL with a note
	pass, inURL := "", false
	if u.User != nil {
		pass, inURL = u.User.Password()
	}
	envPass := os.Getenv(envStorePassword)
	switch {
	case u.User != nil && u.User.Username() == "":
		return sc, usagef("%s %s: a password without a user name (write %s://USER@%s, the password in %s)", sc.from, sc.shown, u.Scheme, u.Host, envStorePassword)
	case inURL && envPass != "":
		return sc, usagef("%s %s holds a password and %s is set too: give it once, in %s", sc.from, sc.shown, envStorePassword, envStorePassword)
	case inURL && pass != "" && sc.from == "--store":
		sc.note = fmt.Sprintf("the --store URL holds a password, which other users of this machine can read in the process list (ps); put it in %s instead", envStorePassword)
	case envPass != "" && (u.User == nil || u.User.Username() == ""):
		return sc, usagef("%s is set but the store URL %s names no user: write it as %s://USER@%s", envStorePassword, sc.shown, u.Scheme, u.Host)
	case envPass != "":
		u.User = url.UserPassword(u.User.Username(), envPass)
	}

	// the TLS files, carried to the backend as the URL's ca=, cert=, key=
	q := u.Query()
	for _, f := range []struct{ flag, param, path string }{
		{"--store-ca", "ca", sf.ca}, {"--store-cert", "cert", sf.cert}, {"--store-key", "key", sf.key},
	} {
		if f.path == "" {
			continue
		}
		if q.Has(f.param) {
			return sc, usagef("%s and %s= in the store URL: give one", f.flag, f.param)
		}
		abs, err := filepath.Abs(f.path)
		if err != nil {
			return sc, fmt.Errorf("%s: %w", f.flag, err)
		}
		q.Set(f.param, abs)
	}
	hasTLS := q.Has("ca") || q.Has("cert") || q.Has("key")
	switch {
	case hasTLS && plainSchemes[scheme] != "":
		return sc, usagef("%s (%s://) connects without TLS: TLS options need %s://", sc.shown, scheme, plainSchemes[scheme])
	case len(given) > 0 && !tlsSchemes[scheme]:
		return sc, usagef("%s is for an etcds:// store, not %s", given[0], sc.shown)
	case q.Has("cert") != q.Has("key"):
		return sc, usagef("a client certificate needs its key: give --store-cert and --store-key together (or cert= and key= in the URL)")
	}
	if tlsSchemes[scheme] {
		if err := checkTLSFiles(q, sf); err != nil {
			return sc, err
		}
	}
	if hasTLS {
		u.RawQuery = q.Encode()
	}
	sc.location = u.String()
	if !slices.Contains(kv.Schemes(), scheme) {
		return sc, usagef("%s %s: this corets-wasm opens no store of scheme %q (it opens %s)", sc.from, sc.shown, u.Scheme, strings.Join(kv.Schemes(), ", "))
	}
	return sc, nil
}

// defaultStore is what "the store is ..." says with no --store.
func defaultStore(memory bool) string {
	if memory {
		return "in memory (no --store)"
	}
	return "the file DIR/.corets/store.db (no --store, no " + envStore + ")"
}

// given lists the TLS flags set.
func (sf *storeFlags) given() []string {
	var out []string
	for _, f := range []struct{ name, v string }{{"--store-ca", sf.ca}, {"--store-cert", sf.cert}, {"--store-key", sf.key}} {
		if f.v != "" {
			out = append(out, f.name)
		}
	}
	return out
}

// refuse is the usage error for TLS flags given to a store without TLS.
func (sf *storeFlags) refuse(given []string, store string) error {
	if len(given) == 0 {
		return nil
	}
	return usagef("%s is for an etcds:// store; %s", given[0], store)
}

// checkTLSFiles reads the CA and the client certificate and key the URL
// names, so that a missing or wrong file is reported before a connection
// is tried, naming the flag (or the URL parameter) that gave it.
func checkTLSFiles(q url.Values, sf *storeFlags) error {
	what := func(flag, param, given string) string {
		if given != "" {
			return flag
		}
		return param + "= in the store URL"
	}
	if ca := q.Get("ca"); ca != "" {
		w := what("--store-ca", "ca", sf.ca)
		pem, err := manifest.ReadSmallFile(ca, maxPEM)
		if err != nil {
			return &storeFileError{w, ca, err}
		}
		if !x509.NewCertPool().AppendCertsFromPEM(pem) {
			return &storeFileError{w, ca, errors.New("no PEM certificate in it")}
		}
	}
	cert, key := q.Get("cert"), q.Get("key")
	if cert == "" {
		return nil
	}
	certPEM, err := manifest.ReadSmallFile(cert, maxPEM)
	if err != nil {
		return &storeFileError{what("--store-cert", "cert", sf.cert), cert, err}
	}
	keyPEM, err := manifest.ReadSmallFile(key, maxPEM)
	if err != nil {
		return &storeFileError{what("--store-key", "key", sf.key), key, err}
	}
	if _, err := tls.X509KeyPair(certPEM, keyPEM); err != nil {
		return &storeFileError{what("--store-cert", "cert", sf.cert) + " and its key", cert, err}
	}
	return nil
}

// open opens the store the flags chose, then the runtime opts describe on
// it: the one place the commands open their runtime. A store named by
// --store or CORETS_STORE is opened here, so that a failure to open it is
// told apart from the runtime's (a URL the backend refuses is a usage
// error); the default store is the runtime's own. close closes both.
func (rf *runtimeFlags) open(ctx context.Context, c *cli, opts modules.Options) (*modules.Runtime, error) {
	sc := rf.chosen
	if sc.note != "" {
		c.errLine(sgrNote, "note:", sc.note)
	}
	// A bad app root is reported by modules.Open before any store is
	// made for it.
	root := opts.AppRoot
	if root == "" {
		root = "."
	}
	if st, err := os.Stat(root); sc.location != "" && err == nil && st.IsDir() {
		db, err := kv.OpenURL(sc.location, kv.Options{Shared: opts.SharedStore})
		if err != nil {
			if errors.Is(err, kv.ErrInvalid) {
				return nil, usagef("%s: %v", sc.from, err)
			}
			return nil, err
		}
		opts.Store, rf.db = db, db
	}
	r, err := modules.Open(ctx, opts)
	if err != nil {
		rf.closeStore()
		return nil, err
	}
	return r, nil
}

// close closes the runtime, then the store open opened for it.
func (rf *runtimeFlags) close(r *modules.Runtime) {
	r.Close(context.Background())
	rf.closeStore()
}

func (rf *runtimeFlags) closeStore() {
	if rf.db != nil {
		rf.db.Close()
		rf.db = nil
	}
}

func isStoreBusy(err error) bool {
	for _, e := range storeBusy {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
