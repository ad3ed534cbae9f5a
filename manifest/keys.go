package manifest

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// maxKeyFile bounds what ReadPublicKey and ReadPrivateKey read.
const maxKeyFile = 64 << 10

// WriteKeyPair makes a new ed25519 key pair and writes the private key as
// a PEM "PRIVATE KEY" block (PKCS#8) readable by its owner only (0600) and
// the public key as a PEM "PUBLIC KEY" block (PKIX, 0644). It never
// overwrites a file: if either exists, nothing is written.
func WriteKeyPair(privPath, pubPath string) error {
	if filepath.Clean(privPath) == filepath.Clean(pubPath) {
		return fmt.Errorf("manifest: the private and public key paths are the same: %s", privPath)
	}
	for _, p := range []string{privPath, pubPath} {
		if _, err := os.Lstat(p); err == nil {
			return fmt.Errorf("%s: %w; refusing to overwrite a key", p, fs.ErrExist)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		return err
	}
	privDER, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return err
	}
	pubDER, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return err
	}
	if err := writeNew(privPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}), 0o600); err != nil {
		return err
	}
	if err := writeNew(pubPath, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), 0o644); err != nil {
		// Do not leave half a pair behind; the private key is ours, just made.
		os.Remove(privPath)
		return err
	}
	return nil
}

// writeNew creates path (failing if it exists), writes data and syncs it.
func writeNew(path string, data []byte, perm fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// ReadPublicKey reads an ed25519 public key from a PEM "PUBLIC KEY" file
// as WriteKeyPair writes it.
func ReadPublicKey(path string) (ed25519.PublicKey, error) {
	data, err := readKeyFile(path)
	if err != nil {
		return nil, err
	}
	key, err := ParsePublicKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return key, nil
}

// ReadPrivateKey reads an ed25519 private key from a PEM "PRIVATE KEY"
// (PKCS#8) file as WriteKeyPair writes it.
func ReadPrivateKey(path string) (ed25519.PrivateKey, error) {
	data, err := readKeyFile(path)
	if err != nil {
		return nil, err
	}
	key, err := ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return key, nil
}

// ParsePublicKey decodes the contents of a public key file, for embedders
// that carry the key in their binary rather than in a file.
func ParsePublicKey(data []byte) (ed25519.PublicKey, error) {
	block, err := onePEM(data, "PUBLIC KEY")
	if err != nil {
		return nil, err
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, err
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("the public key is a %T, not an ed25519 key", k)
	}
	return pub, nil
}

// ParsePrivateKey decodes the contents of a private key file.
func ParsePrivateKey(data []byte) (ed25519.PrivateKey, error) {
	block, err := onePEM(data, "PRIVATE KEY")
	if err != nil {
		return nil, err
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, err
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("the private key is a %T, not an ed25519 key", k)
	}
	return priv, nil
}

func onePEM(data []byte, typ string) (*pem.Block, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("no PEM block; want %q", typ)
	}
	if block.Type != typ {
		return nil, fmt.Errorf("the PEM block is %q; want %q", block.Type, typ)
	}
	if len(block.Headers) > 0 {
		return nil, errors.New("the PEM block has headers (an encrypted key?); want a plain key")
	}
	return block, nil
}

func readKeyFile(path string) ([]byte, error) {
	data, err := ReadSmallFile(path, maxKeyFile)
	var big *tooLargeError
	if errors.As(err, &big) {
		return nil, fmt.Errorf("%v; not a key file", err)
	}
	return data, err
}

type tooLargeError struct {
	path string
	max  int64
}

func (e *tooLargeError) Error() string { return fmt.Sprintf("%s: larger than %d bytes", e.path, e.max) }

// ReadSmallFile reads the regular file at path, of at most max bytes: a
// file a user names (a key, a capabilities file), which must not be a
// device or a FIFO and is not read past max.
func ReadSmallFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, &tooLargeError{path, max}
	}
	return data, nil
}
