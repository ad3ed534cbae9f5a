package jsengine

import (
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"math/big"
)

// The asymmetric half of crypto.subtle: Ed25519, X25519, and ECDSA/ECDH on
// P-256, P-384 and P-521. The guest keeps each key as DER (PKCS #8 for a
// private key, SPKI for a public one) in the prelude's private record; the
// host parses it for each operation and checks that it is of the kind the
// record says ("Ed25519", "X25519" or the curve's name).

var (
	errKeyData = subtleError{"DataError", "Invalid keyData"}
	errKeyType = subtleError{"DataError", "Invalid key type"}
	errCurve   = subtleError{"DataError", "Named curve mismatch"}
)

func curveOf(kind string) elliptic.Curve {
	switch kind {
	case "P-256":
		return elliptic.P256()
	case "P-384":
		return elliptic.P384()
	case "P-521":
		return elliptic.P521()
	}
	return nil
}

// subtleFieldsOut encodes a result of several fields as the guest's
// requests are encoded.
func subtleFieldsOut(fs ...[]byte) []byte {
	var out []byte
	for _, f := range fs {
		out = binary.LittleEndian.AppendUint32(out, uint32(len(f)))
		out = append(out, f...)
	}
	return out
}

func asymGenerate(kind string) ([]byte, error) {
	var priv crypto.Signer
	var err error
	switch kind {
	case "Ed25519":
		_, priv, err = ed25519.GenerateKey(rand.Reader)
	case "X25519":
		k, err := ecdh.X25519().GenerateKey(rand.Reader)
		if err != nil {
			return nil, errOperation
		}
		return marshalPair(k, k.PublicKey())
	default:
		c := curveOf(kind)
		if c == nil {
			return nil, subtleError{"NotSupportedError", "Unrecognized namedCurve"}
		}
		priv, err = ecdsa.GenerateKey(c, rand.Reader)
	}
	if err != nil {
		return nil, errOperation
	}
	return marshalPair(priv, priv.Public())
}

func marshalPair(priv, pub any) ([]byte, error) {
	p8, err1 := x509.MarshalPKCS8PrivateKey(priv)
	spki, err2 := x509.MarshalPKIXPublicKey(pub)
	if err1 != nil || err2 != nil {
		return nil, errOperation
	}
	return subtleFieldsOut(p8, spki), nil
}

// parsePrivate reads a PKCS #8 key of the given kind.
func parsePrivate(kind string, der []byte) (any, error) {
	k, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, errKeyData
	}
	return k, checkKind(kind, k)
}

func parsePublic(kind string, der []byte) (any, error) {
	k, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, errKeyData
	}
	return k, checkKind(kind, k)
}

func checkKind(kind string, k any) error {
	switch k := k.(type) {
	case ed25519.PrivateKey, ed25519.PublicKey:
		if kind == "Ed25519" {
			return nil
		}
	case *ecdh.PrivateKey:
		if kind == "X25519" && k.Curve() == ecdh.X25519() {
			return nil
		}
	case *ecdh.PublicKey:
		if kind == "X25519" && k.Curve() == ecdh.X25519() {
			return nil
		}
	case *ecdsa.PrivateKey:
		if c := curveOf(kind); c != nil {
			if c != k.Curve {
				return errCurve
			}
			return nil
		}
	case *ecdsa.PublicKey:
		if c := curveOf(kind); c != nil {
			if c != k.Curve {
				return errCurve
			}
			return nil
		}
	}
	return errKeyType
}

// asymImport turns raw, spki, pkcs8 or jwk key data into the pair of
// fields type ("private" or "public") and DER.
func asymImport(kind, format string, data []byte) ([]byte, error) {
	switch format {
	case "spki":
		if _, err := parsePublic(kind, data); err != nil {
			return nil, err
		}
		return subtleFieldsOut([]byte("public"), data), nil
	case "pkcs8":
		k, err := parsePrivate(kind, data)
		if err != nil {
			return nil, err
		}
		der, err := x509.MarshalPKCS8PrivateKey(k) // normalised
		if err != nil {
			return nil, errKeyData
		}
		return subtleFieldsOut([]byte("private"), der), nil
	case "raw":
		var pub any
		switch kind {
		case "Ed25519", "X25519":
			if len(data) != 32 {
				return nil, subtleError{"DataError", kind + " raw keys must be exactly 32-bytes"}
			}
			if kind == "Ed25519" {
				pub = ed25519.PublicKey(append([]byte(nil), data...))
			} else {
				k, err := ecdh.X25519().NewPublicKey(data)
				if err != nil {
					return nil, errKeyData
				}
				pub = k
			}
		default:
			k, err := ecdsa.ParseUncompressedPublicKey(curveOf(kind), data)
			if err != nil {
				return nil, errKeyData
			}
			pub = k
		}
		der, err := x509.MarshalPKIXPublicKey(pub)
		if err != nil {
			return nil, errKeyData
		}
		return subtleFieldsOut([]byte("public"), der), nil
	case "jwk":
		return jwkImport(kind, data)
	}
	return nil, errBadSubtle
}

type subtleJWK struct {
	Kty string `json:"kty,omitempty"`
	Crv string `json:"crv,omitempty"`
	X   string `json:"x,omitempty"`
	Y   string `json:"y,omitempty"`
	D   string `json:"d,omitempty"`
}

func b64(s string) ([]byte, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, errKeyData
	}
	return b, nil
}

func jwkImport(kind string, data []byte) ([]byte, error) {
	var j subtleJWK
	if json.Unmarshal(data, &j) != nil {
		return nil, errKeyData
	}
	if j.Crv != kind {
		return nil, subtleError{"DataError", "JWK \"crv\" Parameter and algorithm name mismatch"}
	}
	x, err := b64(j.X)
	if err != nil {
		return nil, err
	}
	if kind == "Ed25519" || kind == "X25519" {
		if j.Kty != "OKP" {
			return nil, subtleError{"DataError", "Invalid JWK \"kty\" Parameter"}
		}
		if j.D == "" {
			return asymImport(kind, "raw", x)
		}
		d, err := b64(j.D)
		if err != nil || len(d) != 32 {
			return nil, errKeyData
		}
		var priv any
		var pub []byte
		if kind == "Ed25519" {
			k := ed25519.NewKeyFromSeed(d)
			priv, pub = k, k.Public().(ed25519.PublicKey)
		} else {
			k, err := ecdh.X25519().NewPrivateKey(d)
			if err != nil {
				return nil, errKeyData
			}
			priv, pub = k, k.PublicKey().Bytes()
		}
		if string(pub) != string(x) {
			return nil, errKeyData
		}
		der, err := x509.MarshalPKCS8PrivateKey(priv)
		if err != nil {
			return nil, errKeyData
		}
		return subtleFieldsOut([]byte("private"), der), nil
	}
	if j.Kty != "EC" {
		return nil, subtleError{"DataError", "Invalid JWK \"kty\" Parameter"}
	}
	c := curveOf(kind)
	size := (c.Params().BitSize + 7) / 8
	y, err := b64(j.Y)
	if err != nil || len(x) != size || len(y) != size {
		return nil, errKeyData
	}
	point := append(append([]byte{4}, x...), y...)
	if j.D == "" {
		return asymImport(kind, "raw", point)
	}
	d, err := b64(j.D)
	if err != nil {
		return nil, err
	}
	k, err := ecdsa.ParseRawPrivateKey(c, d)
	if err != nil {
		return nil, errKeyData
	}
	if pb, err := k.PublicKey.Bytes(); err != nil || string(pb) != string(point) {
		return nil, errKeyData
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return nil, errKeyData
	}
	return subtleFieldsOut([]byte("private"), der), nil
}

// asymExport writes a key as raw (public only) or as the JWK members
// crv, x, y, d (the prelude adds the rest, in node's order).
func asymExport(kind, format string, private bool, der []byte) ([]byte, error) {
	var k any
	var err error
	if private {
		k, err = parsePrivate(kind, der)
	} else {
		k, err = parsePublic(kind, der)
	}
	if err != nil {
		return nil, err
	}
	enc := base64.RawURLEncoding.EncodeToString
	var j subtleJWK
	switch k := k.(type) {
	case ed25519.PublicKey:
		j.X = enc(k)
	case ed25519.PrivateKey:
		j.X, j.D = enc(k.Public().(ed25519.PublicKey)), enc(k.Seed())
	case *ecdh.PublicKey:
		j.X = enc(k.Bytes())
	case *ecdh.PrivateKey:
		j.X, j.D = enc(k.PublicKey().Bytes()), enc(k.Bytes())
	case *ecdsa.PublicKey:
		b, err := k.Bytes()
		if err != nil {
			return nil, errOperation
		}
		n := (len(b) - 1) / 2
		j.X, j.Y = enc(b[1:1+n]), enc(b[1+n:])
	case *ecdsa.PrivateKey:
		b, err1 := k.PublicKey.Bytes()
		d, err2 := k.Bytes()
		if err1 != nil || err2 != nil {
			return nil, errOperation
		}
		n := (len(b) - 1) / 2
		j.X, j.Y, j.D = enc(b[1:1+n]), enc(b[1+n:]), enc(d)
	}
	if format == "raw" {
		x, _ := base64.RawURLEncoding.DecodeString(j.X)
		if j.Y != "" {
			y, _ := base64.RawURLEncoding.DecodeString(j.Y)
			return append(append([]byte{4}, x...), y...), nil
		}
		return x, nil
	}
	j.Crv = kind
	return json.Marshal(j)
}

func asymSign(kind, hashName string, der, data []byte) ([]byte, error) {
	k, err := parsePrivate(kind, der)
	if err != nil {
		return nil, err
	}
	switch k := k.(type) {
	case ed25519.PrivateKey:
		return ed25519.Sign(k, data), nil
	case *ecdsa.PrivateKey:
		h, err := subtleHash([]byte(hashName))
		if err != nil {
			return nil, err
		}
		d := h()
		d.Write(data)
		r, s, err := ecdsa.Sign(rand.Reader, k, d.Sum(nil))
		if err != nil {
			return nil, errOperation
		}
		n := (k.Curve.Params().BitSize + 7) / 8
		out := make([]byte, 2*n)
		r.FillBytes(out[:n])
		s.FillBytes(out[n:])
		return out, nil
	}
	return nil, errKeyType
}

func asymVerify(kind, hashName string, der, data, sig []byte) (bool, error) {
	k, err := parsePublic(kind, der)
	if err != nil {
		return false, err
	}
	switch k := k.(type) {
	case ed25519.PublicKey:
		return len(sig) == ed25519.SignatureSize && ed25519.Verify(k, data, sig), nil
	case *ecdsa.PublicKey:
		h, err := subtleHash([]byte(hashName))
		if err != nil {
			return false, err
		}
		n := (k.Curve.Params().BitSize + 7) / 8
		if len(sig) != 2*n {
			return false, nil
		}
		d := h()
		d.Write(data)
		r, s := new(big.Int).SetBytes(sig[:n]), new(big.Int).SetBytes(sig[n:])
		return ecdsa.Verify(k, d.Sum(nil), r, s), nil
	}
	return false, errKeyType
}

// asymDerive is ECDH (and X25519): the shared secret of a private key and
// a peer's public key of the same kind.
func asymDerive(kind string, privDER, pubDER []byte) ([]byte, error) {
	k, err := parsePrivate(kind, privDER)
	if err != nil {
		return nil, err
	}
	p, err := parsePublic(kind, pubDER)
	if err != nil {
		return nil, subtleError{"InvalidAccessError", "algorithm.public must be of the same kind as the base key"}
	}
	var priv *ecdh.PrivateKey
	var pub *ecdh.PublicKey
	switch k := k.(type) {
	case *ecdh.PrivateKey:
		priv, pub = k, p.(*ecdh.PublicKey)
	case *ecdsa.PrivateKey:
		priv, err = k.ECDH()
		if err == nil {
			pub, err = p.(*ecdsa.PublicKey).ECDH()
		}
		if err != nil {
			return nil, errOperation
		}
	default:
		return nil, errKeyType
	}
	out, err := priv.ECDH(pub)
	if err != nil {
		return nil, errOperation
	}
	return out, nil
}
