package manifest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestKeyPair(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	privPath, pubPath := filepath.Join(dir, "key"), filepath.Join(dir, "key.pub")
	if err := WriteKeyPair(privPath, pubPath); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		for p, mode := range map[string]fs.FileMode{privPath: 0o600, pubPath: 0o644} {
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			// The umask may only take bits away.
			if st.Mode().Perm()&^mode != 0 {
				t.Errorf("%s: mode %v, want at most %v", p, st.Mode().Perm(), mode)
			}
		}
	}
	if s := readFile(t, privPath); !strings.HasPrefix(s, "-----BEGIN PRIVATE KEY-----\n") {
		t.Errorf("private key file:\n%s", s)
	}
	if s := readFile(t, pubPath); !strings.HasPrefix(s, "-----BEGIN PUBLIC KEY-----\n") {
		t.Errorf("public key file:\n%s", s)
	}
	priv, err := ReadPrivateKey(privPath)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ReadPublicKey(pubPath)
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Equal(priv.Public()) {
		t.Fatal("the public key does not belong to the private key")
	}

	// The pair signs and verifies a module.
	mod := testModule(t)
	if err := Sign(mod, priv); err != nil {
		t.Fatal(err)
	}
	if err := Verify(mod, pub); err != nil {
		t.Fatal(err)
	}

	// Never overwrite: not the private key, not the public key, and leave
	// nothing behind when refusing.
	before := readFile(t, privPath)
	for _, paths := range [][2]string{
		{privPath, filepath.Join(dir, "new.pub")},
		{filepath.Join(dir, "new"), pubPath},
	} {
		if err := WriteKeyPair(paths[0], paths[1]); !errors.Is(err, fs.ErrExist) {
			t.Errorf("WriteKeyPair%q = %v, want fs.ErrExist", paths, err)
		}
	}
	if readFile(t, privPath) != before {
		t.Error("the private key was overwritten")
	}
	for _, p := range []string{"new", "new.pub"} {
		if _, err := os.Lstat(filepath.Join(dir, p)); err == nil {
			t.Errorf("%s was left behind", p)
		}
	}
	if err := WriteKeyPair(filepath.Join(dir, "same"), filepath.Join(dir, ".", "same")); err == nil {
		t.Error("the same path for both keys was accepted")
	}
	// A pair fails as a whole: a public key path in a missing directory
	// leaves no private key behind.
	if err := WriteKeyPair(filepath.Join(dir, "k2"), filepath.Join(dir, "missing", "k2.pub")); err == nil {
		t.Error("WriteKeyPair into a missing directory succeeded")
	}
	if _, err := os.Lstat(filepath.Join(dir, "k2")); err == nil {
		t.Error("half a key pair was left behind")
	}
}

func TestReadKeyErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	privPath, pubPath := filepath.Join(dir, "key"), filepath.Join(dir, "key.pub")
	if err := WriteKeyPair(privPath, pubPath); err != nil {
		t.Fatal(err)
	}
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecPubDER, err := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	ecPrivDER, err := x509.MarshalPKCS8PrivateKey(ec)
	if err != nil {
		t.Fatal(err)
	}
	ecPub := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: ecPubDER}))
	ecPriv := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecPrivDER}))
	for _, tt := range []struct {
		name, data string
		read       func(string) error
		want       string
	}{
		{"public from private file", readFile(t, privPath), readPub, `the PEM block is "PRIVATE KEY"; want "PUBLIC KEY"`},
		{"private from public file", readFile(t, pubPath), readPriv, `the PEM block is "PUBLIC KEY"; want "PRIVATE KEY"`},
		{"garbage", "hello", readPub, `no PEM block; want "PUBLIC KEY"`},
		{"empty", "", readPriv, `no PEM block; want "PRIVATE KEY"`},
		{"bad DER", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", readPub, "asn1"},
		{"ECDSA public key", ecPub, readPub, "the public key is a *ecdsa.PublicKey, not an ed25519 key"},
		{"ECDSA private key", ecPriv, readPriv, "the private key is a *ecdsa.PrivateKey, not an ed25519 key"},
		{"encrypted", "-----BEGIN PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END PRIVATE KEY-----\n", readPriv, "has headers"},
	} {
		p := filepath.Join(dir, "x")
		writeFile(t, p, tt.data)
		err := tt.read(p)
		if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := ReadPublicKey(filepath.Join(dir, "absent")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("absent: %v", err)
	}
	if _, err := ReadPublicKey(dir); err == nil {
		t.Error("a directory read as a key")
	}
	big := filepath.Join(dir, "big")
	writeFile(t, big, strings.Repeat("x", maxKeyFile+1))
	if _, err := ReadPrivateKey(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("big: %v", err)
	}
}

func readPub(p string) error  { _, err := ReadPublicKey(p); return err }
func readPriv(p string) error { _, err := ReadPrivateKey(p); return err }
