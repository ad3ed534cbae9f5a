package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corets/corets-wasm/kv"
)

// Two schemes of the tests' own stand in for etcd:// and etcds:// (which
// kv/etcdkv registers): clitest://HOST/PATH opens by HOST: "ok" a store in
// memory, "down" fails with storeBusy[n] for PATH /n, "bad" as a URL the
// backend refuses. What each opener was given is kept by PATH.
var testOpened sync.Map // path → *url.URL

func init() {
	plainSchemes["clitest"] = "clitests"
	tlsSchemes["clitests"] = true
	open := func(u *url.URL, opt kv.Options) (*kv.DB, error) {
		testOpened.Store(u.Path, u)
		switch u.Host {
		case "ok":
			return kv.OpenMemory(opt), nil
		case "down":
			n, _ := strconv.Atoi(strings.TrimPrefix(u.Path, "/"))
			return nil, fmt.Errorf("store %s: no member answered: %w", u.Redacted(), storeBusy[n])
		}
		return nil, fmt.Errorf("store %s: a host list is host:port,host:port: %w", u.Redacted(), kv.ErrInvalid)
	}
	kv.RegisterScheme("clitest", open)
	kv.RegisterScheme("clitests", open)
}

// testPEM writes a self-signed certificate and its key, and a key of
// another certificate, and a file that is not PEM.
func testPEM(t *testing.T) (dir string) {
	t.Helper()
	dir = t.TempDir()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "corets test"},
		NotBefore: time.Unix(0, 0), NotAfter: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalECPrivateKey(key)
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	otherDER, _ := x509.MarshalECPrivateKey(other)
	writeFiles(t, dir, map[string]string{
		"ca.pem":    string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		"key.pem":   string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})),
		"other.pem": string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: otherDER})),
		"text.txt":  "not a certificate\n",
	})
	return dir
}

// Every command that opens a store checks --store, its TLS flags and the
// password before opening anything, and says which part is wrong: the
// command line (usage, 2) or a file it names (config, 3).
func TestStoreFlagsChecked(t *testing.T) {
	t.Parallel()
	pems := testPEM(t)
	ca, key, other, text := filepath.Join(pems, "ca.pem"), filepath.Join(pems, "key.pem"), filepath.Join(pems, "other.pem"), filepath.Join(pems, "text.txt")
	missing := filepath.Join(pems, "missing.pem")
	root := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		want []string
	}{
		// a store in memory is run's alone
		{[]string{"list", "--store", "memory:"}, exitUsage, []string{"--store memory:", "for run only"}},
		{[]string{"status", "--store", "memory:"}, exitUsage, []string{"for run only"}},
		{[]string{"install", "--store", "memory://", "x"}, exitUsage, []string{"for run only"}},
		{[]string{"call", "--store", "memory:", "m", "f"}, exitUsage, []string{"for run only"}},
		{[]string{"remove", "--store", "memory:", "m"}, exitUsage, []string{"for run only"}},
		// TLS options without a TLS store
		{[]string{"list", "--store-ca", ca}, exitUsage, []string{"--store-ca is for an etcds:// store", "DIR/.corets/store.db"}},
		{[]string{"list", "--store", "s.db", "--store-cert", ca, "--store-key", key}, exitUsage, []string{"--store-cert is for an etcds:// store", "the file s.db"}},
		{[]string{"list", "--store", "file:///tmp/s.db", "--store-ca", ca}, exitUsage, []string{"the file file:///tmp/s.db"}},
		{[]string{"run", "--store-ca", ca, "x.ts"}, exitUsage, []string{"in memory"}},
		{[]string{"list", "--store", "etcd://h:2379", "--store-ca", ca}, exitUsage, []string{"etcd://h:2379", "without TLS", "etcds://"}},
		{[]string{"list", "--store", "etcd://h:2379?ca=" + ca}, exitUsage, []string{"without TLS"}},
		{[]string{"list", "--store", "clitest://ok/p", "--store-ca", ca}, exitUsage, []string{"without TLS", "clitests://"}},
		// pairs and duplicates
		{[]string{"list", "--store", "etcds://h:2379", "--store-cert", ca}, exitUsage, []string{"--store-cert and --store-key together"}},
		{[]string{"list", "--store", "etcds://h:2379", "--store-key", key}, exitUsage, []string{"--store-cert and --store-key together"}},
		{[]string{"list", "--store", "etcds://h:2379?ca=" + ca, "--store-ca", ca}, exitUsage, []string{"--store-ca and ca= in the store URL"}},
		// files that do not read: config, naming the flag or the parameter
		{[]string{"list", "--store", "etcds://h:2379", "--store-ca", missing}, exitConfig, []string{"--store-ca", "missing.pem"}},
		{[]string{"list", "--store", "etcds://h:2379", "--store-ca", text}, exitConfig, []string{"--store-ca", "no PEM certificate"}},
		{[]string{"list", "--store", "etcds://h:2379", "--store-ca", pems}, exitConfig, []string{"--store-ca", "not a regular file"}},
		{[]string{"list", "--store", "etcds://h:2379?ca=" + url.QueryEscape(missing)}, exitConfig, []string{"ca= in the store URL", "missing.pem"}},
		{[]string{"list", "--store", "etcds://h:2379", "--store-cert", ca, "--store-key", missing}, exitConfig, []string{"--store-key", "missing.pem"}},
		{[]string{"list", "--store", "etcds://h:2379", "--store-cert", ca, "--store-key", other}, exitConfig, []string{"--store-cert and its key", "private key does not match"}},
		// URLs
		{[]string{"list", "--store", "nosuch://h/p"}, exitUsage, []string{"--store nosuch://h/p", `no store of scheme "nosuch"`, "file, memory"}},
		{[]string{"list", "--store", "etcd://u:hunter2@h:x/p"}, exitUsage, []string{"--store: not a store URL", "invalid port"}},
		{[]string{"status", "--store", "clitest://bad/p"}, exitUsage, []string{"--store:", "host:port,host:port"}},
		{[]string{"list", "--store", "etcd://:hunter2@h:2379/p"}, exitUsage, []string{"--store etcd://:xxxxx@h:2379/p: a password without a user name", "etcd://USER@h:2379"}},
	} {
		r := corets(t, append(tc.args, "--root", root)...)
		line := r.fails(t, tc.code, tc.want...)
		if strings.Contains(r.stderr+r.stdout, "hunter2") {
			t.Errorf("%q: the password is shown: %s", tc.args, line)
		}
	}
	// a password in argv gets a note; it is in no message
	r := corets(t, "list", "--root", root, "--store", "clitest://u:hunter2@bad/p")
	if r.code != exitUsage || !strings.Contains(r.stderr, "clitest://u:xxxxx@bad/p") || strings.Contains(r.stderr, "hunter2") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	// and the same in --json, by kind
	r = corets(t, "list", "--json", "--root", root, "--store", "nosuch://h/p")
	var je struct{ Error struct{ Kind string } }
	if err := json.Unmarshal([]byte(r.stdout), &je); err != nil || r.code != exitUsage || je.Error.Kind != "usage" {
		t.Errorf("--json: exit %d, %v\n%s", r.code, err, r.stdout)
	}
}

// A store that does not answer fails with store_busy, whatever the
// command; the message names the store without its password.
func TestStoreUnreachableIsBusy(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	for n := range storeBusy {
		store := fmt.Sprintf("clitest://down/%d", n)
		for _, args := range [][]string{{"list"}, {"status"}, {"remove", "m"}, {"install", "x"}, {"call", "m", "f"}} {
			r := corets(t, append(args, "--root", root, "--store", store)...)
			r.fails(t, exitStoreBusy, store)
		}
		r := corets(t, "run", "--store", store, "--json", writeScript(t))
		var je struct{ Error struct{ Kind string } }
		if err := json.Unmarshal([]byte(r.stdout), &je); err != nil || r.code != exitStoreBusy || je.Error.Kind != "store_busy" {
			t.Errorf("run --json: exit %d, %v\n%s", r.code, err, r.stdout)
		}
	}
}

// The TLS files reach the backend as the URL's ca=, cert= and key=
// (absolute), and a store that opens is named in list and status.
func TestStoreTLSCarried(t *testing.T) {
	t.Parallel()
	pems := testPEM(t)
	root := t.TempDir()
	r := corets(t, "list", "--root", root, "--store", "clitests://ok/tls", "--store-ca", filepath.Join(pems, "ca.pem"),
		"--store-cert", filepath.Join(pems, "ca.pem"), "--store-key", filepath.Join(pems, "key.pem")).ok(t)
	if r.stdout != "no modules installed in "+root+" (store memory)\n" || r.stderr != "" {
		t.Errorf("stdout %q stderr %q", r.stdout, r.stderr)
	}
	v, ok := testOpened.Load("/tls")
	if !ok {
		t.Fatal("the store was not opened")
	}
	q := v.(*url.URL).Query()
	for param, file := range map[string]string{"ca": "ca.pem", "cert": "ca.pem", "key": "key.pem"} {
		if got := q.Get(param); got != filepath.Join(pems, file) || !filepath.IsAbs(got) {
			t.Errorf("%s=%q, want %q", param, got, filepath.Join(pems, file))
		}
	}
	// the system's roots: no ca=
	corets(t, "status", "--root", root, "--store", "clitests://ok/roots").ok(t)
	if v, _ := testOpened.Load("/roots"); v == nil || v.(*url.URL).RawQuery != "" {
		t.Errorf("without TLS flags: %v", v)
	}
}

// The store comes from CORETS_STORE unless --store is given, except for
// run, whose store is in memory unless --store names one; the password
// comes from CORETS_STORE_PASSWORD, and one in a --store URL gets a note
// that the process list shows it.
func TestStoreFromEnvironment(t *testing.T) {
	root := t.TempDir()
	t.Setenv(envStore, "clitest://u@ok/env")
	t.Setenv(envStorePassword, "s3cret")
	r := corets(t, "list", "--root", root).ok(t)
	if r.stderr != "" {
		t.Errorf("stderr %q", r.stderr)
	}
	v, ok := testOpened.Load("/env")
	if !ok {
		t.Fatal("CORETS_STORE was not opened")
	}
	if p, _ := v.(*url.URL).User.Password(); p != "s3cret" || v.(*url.URL).User.Username() != "u" {
		t.Errorf("user %v", v.(*url.URL).User)
	}
	// --store wins over CORETS_STORE
	file := filepath.Join(t.TempDir(), "s.db")
	r = corets(t, "status", "--root", root, "--store", file).ok(t)
	if !strings.Contains(r.stdout, "(store "+file+")") {
		t.Errorf("status: %q", r.stdout)
	}
	// run does not read CORETS_STORE: a store in memory
	t.Setenv(envStore, "clitest://down/0")
	corets(t, "run", writeScript(t), "--call", "ok", "--input", "1").ok(t)
	// a password twice, or for no user
	corets(t, "list", "--root", root, "--store", "clitest://u:pw@ok/twice").fails(t, exitUsage, envStorePassword, "give it once")
	r = corets(t, "list", "--root", root, "--store", "clitest://ok/nouser")
	r.fails(t, exitUsage, envStorePassword+" is set but the store URL clitest://ok/nouser names no user", "clitest://USER@ok")
	// a password in argv: a note, and it works
	t.Setenv(envStorePassword, "")
	r = corets(t, "list", "--root", root, "--store", "clitest://u:pw@ok/argv").ok(t)
	if !strings.HasPrefix(r.stderr, "note: the --store URL holds a password") || !strings.Contains(r.stderr, envStorePassword) || strings.Contains(r.stderr, "pw@") {
		t.Errorf("stderr %q", r.stderr)
	}
	// in CORETS_STORE, which ps does not show: no note
	t.Setenv(envStore, "clitest://u:pw@ok/envpw")
	if r := corets(t, "list", "--root", root).ok(t); r.stderr != "" {
		t.Errorf("stderr %q", r.stderr)
	}
	// a file store ignores the password
	t.Setenv(envStorePassword, "s3cret")
	corets(t, "list", "--root", root, "--store", file).ok(t)
}

// A store named by --store shows in list --json and status --json, in
// remove's message about the data it keeps, and the store file is the one
// named: not the app root's.
func TestStoreShown(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	file := filepath.Join(t.TempDir(), "elsewhere.db")
	src := writeModule(t, filepath.Join(t.TempDir(), "m"), "code: m\n", `export async function save() { await core.storeSet("g", "k", "v"); }`)
	corets(t, "install", "--root", root, "--store", "file://"+filepath.ToSlash(file), src).ok(t)
	corets(t, "call", "--root", root, "--store", file, "m", "save").ok(t)
	for _, cmd := range []string{"list", "status"} {
		r := corets(t, cmd, "--json", "--root", root, "--store", file).ok(t)
		var out []map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || len(out) != 1 || out[0]["store"] != file {
			t.Errorf("%s --json: %v\n%s", cmd, err, r.stdout)
		}
	}
	// the app root's own store knows nothing of m
	if r := corets(t, "list", "--root", root).ok(t); !strings.HasPrefix(r.stdout, "no modules installed") {
		t.Errorf("list of the default store: %q", r.stdout)
	}
	r := corets(t, "remove", "--root", root, "--store", file, "m").ok(t)
	if !strings.Contains(r.stderr, "kept the stored data of m (1 key, ") || !strings.Contains(r.stderr, " in "+file+": ") {
		t.Errorf("remove: %q", r.stderr)
	}
}

// A --root that is not a directory is reported as before, and no store
// file is made for it.
func TestStoreNotMadeForBadRoot(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "s.db")
	r := corets(t, "list", "--root", filepath.Join(dir, "nope"), "--store", file)
	r.fails(t, exitNotFound, "app root")
	if _, err := os.Stat(file); err == nil {
		t.Error("a store file was made for a missing app root")
	}
}

// Every command that opens a store has the store flags, in its help and in
// the completion scripts, which are made from the same flag sets.
func TestStoreFlagsEverywhere(t *testing.T) {
	t.Parallel()
	bash := corets(t, "completion", "bash").ok(t).stdout
	for _, cmd := range []string{"run", "call", "install", "remove", "list", "status"} {
		help := corets(t, cmd, "--help").ok(t).stdout
		line := ""
		for _, l := range strings.Split(bash, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), cmd+") flags=") {
				line = l
			}
		}
		for _, f := range []string{"--store STORE", "--store-ca FILE", "--store-cert FILE", "--store-key FILE"} {
			if !strings.Contains(help, "\n  "+f+"\n") {
				t.Errorf("%s --help lacks %s", cmd, f)
			}
			if name := strings.Fields(f)[0]; !strings.Contains(line+" ", " "+name+" ") && !strings.Contains(line, `"`+name+" ") {
				t.Errorf("bash completion of %s lacks %s: %s", cmd, name, line)
			}
		}
	}
}
