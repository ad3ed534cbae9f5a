package etcdkv

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/corets/corets-wasm/kv"
)

// writePEM writes a self-signed certificate and its key into dir.
func writePEM(t *testing.T, dir string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	return certFile, keyFile
}

func TestParseURL(t *testing.T) {
	dir := t.TempDir()
	cert, key := writePEM(t, dir)
	junk := filepath.Join(dir, "junk.pem")
	os.WriteFile(junk, []byte("not a certificate"), 0o600)
	big := filepath.Join(dir, "big.pem")
	os.WriteFile(big, make([]byte, maxPEMFile+1), 0o600)

	good := []struct {
		url       string
		endpoints []string
		prefix    string
		user, pw  string
		tls, ca   bool
		certs     int
	}{
		{"etcd://h1:2379", []string{"h1:2379"}, "", "", "", false, false, 0},
		{"etcd://h1:2379,h2:2380,10.0.0.3:1/app", []string{"h1:2379", "h2:2380", "10.0.0.3:1"}, "app/", "", "", false, false, 0},
		{"ETCD://h1/app/", []string{"h1:2379"}, "app/", "", "", false, false, 0},
		{"etcd://h1:2379/a/b", []string{"h1:2379"}, "a/b/", "", "", false, false, 0},
		{"etcd://[::1]:2379,[fe80::1]/", []string{"[::1]:2379", "[fe80::1]:2379"}, "", "", "", false, false, 0},
		{"etcd://bob:p%40ss@h1:2379", []string{"h1:2379"}, "", "bob", "p@ss", false, false, 0},
		{"etcd://bob@h1:2379", []string{"h1:2379"}, "", "bob", "", false, false, 0},
		{"etcds://h1:2379", []string{"h1:2379"}, "", "", "", true, false, 0},
		{"etcds://h1:2379?ca=" + cert, []string{"h1:2379"}, "", "", "", true, true, 0},
		{"etcds://h1:2379/p?ca=" + cert + "&cert=" + cert + "&key=" + key, []string{"h1:2379"}, "p/", "", "", true, true, 1},
	}
	for _, g := range good {
		cfg, err := ParseURL(g.url)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", g.url, err)
			continue
		}
		if !slices.Equal(cfg.Endpoints, g.endpoints) || cfg.Prefix != g.prefix || cfg.Username != g.user || cfg.Password != g.pw ||
			(cfg.TLS != nil) != g.tls || (g.tls && (cfg.TLS.RootCAs != nil) != g.ca) || (g.tls && len(cfg.TLS.Certificates) != g.certs) {
			t.Errorf("ParseURL(%q) = %+v", g.url, cfg)
		}
	}

	bad := []struct{ url, msg string }{
		{"etcd://", "no host"},
		{"etcd:///prefix", "no host"},
		{"etcd:h1:2379", "want etcd://host:port"},
		{"http://h1:2379", "not etcd or etcds"},
		{"etcd://h1:2379,,h2:2379", "empty host"},
		{"etcd://h1:0", "port"},
		{"etcd://h1:65536", "port"},
		{"etcd://h1:x", "port"},
		{"etcd://:2379", "no name"},
		{"etcd://:pw@h1:2379", "without a user name"},
		{"etcd://h1:2379/a%00b", "NUL"},
		{"etcd://h1:2379#frag", "fragment"},
		{"etcd://h1:2379?ca=" + cert, "need TLS"},
		{"etcd://h1:2379?timeout=1s", `unknown parameter "timeout"`},
		{"etcds://h1:2379?ca=", "wants one file"},
		{"etcds://h1:2379?ca=a&ca=b", "wants one file"},
		{"etcds://h1:2379?cert=" + cert, "go together"},
		{"etcds://h1:2379?ca=" + filepath.Join(dir, "missing"), "ca file"},
		{"etcds://h1:2379?ca=" + junk, "no PEM certificate"},
		{"etcds://h1:2379?ca=" + big, "over"},
		{"etcds://h1:2379?cert=" + cert + "&key=" + cert, "cert "},
		{"etcd://u:pw@h1:2379/%zz", "store URL"},
	}
	for _, b := range bad {
		_, err := ParseURL(b.url)
		if !errors.Is(err, kv.ErrInvalid) || !strings.Contains(err.Error(), b.msg) {
			t.Errorf("ParseURL(%q) = %v, want ErrInvalid saying %q", b.url, err, b.msg)
		}
		if err != nil && strings.Contains(b.url, ":pw@") && strings.Contains(err.Error(), "pw@") {
			t.Errorf("ParseURL(%q) shows the password: %v", b.url, err)
		}
	}
}

func TestConfigName(t *testing.T) {
	cfg := Config{Endpoints: []string{"a:1", "b:2"}, Prefix: "app/", Username: "u", Password: "secret"}
	if got := cfg.name(); got != "etcd://u@a:1,b:2/app" || strings.Contains(got, "secret") {
		t.Fatalf("name %q", got)
	}
	for _, bad := range []Config{{}, {Endpoints: []string{" "}}, {Endpoints: []string{"a:1"}, Prefix: "x\x00"}} {
		if _, err := bad.normalized(); !errors.Is(err, kv.ErrInvalid) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	if _, err := Open(Config{}, kv.Options{}); !errors.Is(err, kv.ErrInvalid) {
		t.Fatalf("Open without endpoints: %v", err)
	}
}

func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"etcd://h:1", "etcds://u:p@h1:2,h2/x?ca=/nonexistent", "etcd://[::1]:9/", "etcd://u:secret@h:1/%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cfg, err := ParseURL(s)
		if err != nil {
			if !errors.Is(err, kv.ErrInvalid) {
				t.Fatalf("ParseURL(%q): %v is not ErrInvalid", s, err)
			}
			return
		}
		if len(cfg.Endpoints) == 0 || strings.IndexByte(cfg.Prefix, 0) >= 0 {
			t.Fatalf("ParseURL(%q) = %+v", s, cfg)
		}
	})
}
