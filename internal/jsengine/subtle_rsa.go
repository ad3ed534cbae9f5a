package jsengine

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"runtime"
	"strconv"
)

// RSA for crypto.subtle: RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP on keys
// the guest keeps as DER, like the other asymmetric keys (subtle_asym.go).
// Go refuses keys under 1024 bits and generates only with exponent 65537.

const maxRSABits = 4096 // generation is the costly part: bounded by this and the call's deadline

var rsaGenSlots = make(chan struct{}, max(runtime.NumCPU()/2, 1))

var errRSAExponent = subtleError{"NotSupportedError", "only the public exponent 65537 is supported"}

func cryptoHash(name string) (crypto.Hash, error) {
	switch name {
	case "SHA-1":
		return crypto.SHA1, nil
	case "SHA-256":
		return crypto.SHA256, nil
	case "SHA-384":
		return crypto.SHA384, nil
	case "SHA-512":
		return crypto.SHA512, nil
	}
	return 0, subtleError{"NotSupportedError", "Unrecognized algorithm name"}
}

// rsaInfo is what the guest shows of a key: its modulus length and
// public exponent.
func rsaInfo(pub *rsa.PublicKey) [][]byte {
	return [][]byte{[]byte(strconv.Itoa(pub.N.BitLen())), big.NewInt(int64(pub.E)).Bytes()}
}

func rsaGenerate(ctx context.Context, bits int, exp []byte) ([]byte, error) {
	if new(big.Int).SetBytes(exp).Cmp(big.NewInt(65537)) != 0 {
		return nil, errRSAExponent
	}
	if bits < 1024 || bits > maxRSABits || bits%8 != 0 {
		return nil, subtleError{"OperationError", "modulusLength must be a multiple of 8 from 1024 to " + strconv.Itoa(maxRSABits)}
	}
	type res struct {
		k   *rsa.PrivateKey
		err error
	}
	// A generation the deadline abandons runs on to its end: the slots
	// bound how many run at once, whichever modules started them.
	select {
	case rsaGenSlots <- struct{}{}:
	case <-ctx.Done():
		return nil, errSubtleDeadline
	}
	done := make(chan res, 1)
	go func() {
		defer func() { <-rsaGenSlots }()
		k, err := rsa.GenerateKey(rand.Reader, bits)
		done <- res{k, err}
	}()
	select {
	case <-ctx.Done():
		return nil, errSubtleDeadline
	case r := <-done:
		if r.err != nil {
			return nil, errOperation
		}
		out, err := marshalPair(r.k, &r.k.PublicKey)
		if err != nil {
			return nil, err
		}
		info := rsaInfo(&r.k.PublicKey)
		return append(out, subtleFieldsOut(info...)...), nil
	}
}

func rsaImport(format string, data []byte) ([]byte, error) {
	var priv *rsa.PrivateKey
	var pub *rsa.PublicKey
	switch format {
	case "spki":
		k, err := x509.ParsePKIXPublicKey(data)
		if err != nil {
			return nil, errKeyData
		}
		p, ok := k.(*rsa.PublicKey)
		if !ok {
			return nil, errKeyType
		}
		pub = p
	case "pkcs8":
		k, err := x509.ParsePKCS8PrivateKey(data)
		if err != nil {
			return nil, errKeyData
		}
		p, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, errKeyType
		}
		priv = p
	case "jwk":
		var j struct{ Kty, N, E, D, P, Q, Dp, Dq, Qi string }
		if json.Unmarshal(data, &j) != nil || j.Kty != "RSA" {
			return nil, subtleError{"DataError", "Invalid JWK \"kty\" Parameter"}
		}
		num := func(s string) (*big.Int, error) {
			b, err := base64.RawURLEncoding.DecodeString(s)
			if err != nil || len(b) == 0 {
				return nil, errKeyData
			}
			return new(big.Int).SetBytes(b), nil
		}
		n, err1 := num(j.N)
		e, err2 := num(j.E)
		if err1 != nil || err2 != nil || !e.IsInt64() || e.Int64() > 1<<31-1 {
			return nil, errKeyData
		}
		pub = &rsa.PublicKey{N: n, E: int(e.Int64())}
		if j.D != "" {
			d, err1 := num(j.D)
			p, err2 := num(j.P)
			q, err3 := num(j.Q)
			if err1 != nil || err2 != nil || err3 != nil {
				return nil, errKeyData
			}
			priv = &rsa.PrivateKey{PublicKey: *pub, D: d, Primes: []*big.Int{p, q}}
			if priv.Validate() != nil {
				return nil, errKeyData
			}
			priv.Precompute()
			pub = nil
		}
	default:
		return nil, subtleError{"NotSupportedError", "Unable to import RSA key with format " + format}
	}
	if priv != nil {
		der, err := x509.MarshalPKCS8PrivateKey(priv)
		if err != nil {
			return nil, errKeyData
		}
		return subtleFieldsOut(append([][]byte{[]byte("private"), der}, rsaInfo(&priv.PublicKey)...)...), nil
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, errKeyData
	}
	return subtleFieldsOut(append([][]byte{[]byte("public"), der}, rsaInfo(pub)...)...), nil
}

func rsaKeys(private bool, der []byte) (*rsa.PrivateKey, *rsa.PublicKey, error) {
	if private {
		k, err := x509.ParsePKCS8PrivateKey(der)
		p, ok := k.(*rsa.PrivateKey)
		if err != nil || !ok {
			return nil, nil, errKeyData
		}
		return p, &p.PublicKey, nil
	}
	k, err := x509.ParsePKIXPublicKey(der)
	p, ok := k.(*rsa.PublicKey)
	if err != nil || !ok {
		return nil, nil, errKeyData
	}
	return nil, p, nil
}

// rsaJWK is the key's JWK members from n to qi, in node's order.
func rsaJWK(private bool, der []byte) ([]byte, error) {
	priv, pub, err := rsaKeys(private, der)
	if err != nil {
		return nil, err
	}
	enc := func(b *big.Int) string { return base64.RawURLEncoding.EncodeToString(b.Bytes()) }
	type jwk struct {
		N  string `json:"n"`
		E  string `json:"e"`
		D  string `json:"d,omitempty"`
		P  string `json:"p,omitempty"`
		Q  string `json:"q,omitempty"`
		Dp string `json:"dp,omitempty"`
		Dq string `json:"dq,omitempty"`
		Qi string `json:"qi,omitempty"`
	}
	j := jwk{N: enc(pub.N), E: enc(big.NewInt(int64(pub.E)))}
	if priv != nil {
		if len(priv.Primes) != 2 {
			return nil, subtleError{"NotSupportedError", "multi-prime RSA keys cannot be exported as JWK"}
		}
		priv.Precompute()
		j.D, j.P, j.Q = enc(priv.D), enc(priv.Primes[0]), enc(priv.Primes[1])
		j.Dp, j.Dq, j.Qi = enc(priv.Precomputed.Dp), enc(priv.Precomputed.Dq), enc(priv.Precomputed.Qinv)
	}
	return json.Marshal(j)
}

// rsaOp signs, verifies, encrypts or decrypts. scheme is the algorithm's
// name; extra is PSS's salt length or OAEP's label.
func rsaOp(op, scheme, hashName string, der, data, sig, extra []byte) ([]byte, error) {
	h, err := cryptoHash(hashName)
	if err != nil {
		return nil, err
	}
	priv, pub, err := rsaKeys(op == "sign" || op == "decrypt", der)
	if err != nil {
		return nil, err
	}
	digest := func() []byte {
		d := h.New()
		d.Write(data)
		return d.Sum(nil)
	}
	var salt int
	if scheme == "RSA-PSS" {
		salt, err = strconv.Atoi(string(extra))
		if err != nil {
			return nil, errBadSubtle
		}
		if salt == 0 { // Go's 0 means "any length", not an empty salt
			return nil, subtleError{"NotSupportedError", "RSA-PSS with a zero salt length is not supported"}
		}
	}
	pss := func() *rsa.PSSOptions { return &rsa.PSSOptions{SaltLength: salt, Hash: h} }
	switch op + " " + scheme {
	case "sign RSASSA-PKCS1-v1_5":
		out, err := rsa.SignPKCS1v15(nil, priv, h, digest())
		if err != nil {
			return nil, errOperation
		}
		return out, nil
	case "verify RSASSA-PKCS1-v1_5":
		return boolByte(rsa.VerifyPKCS1v15(pub, h, digest(), sig) == nil), nil
	case "sign RSA-PSS":
		out, err := rsa.SignPSS(rand.Reader, priv, h, digest(), pss())
		if err != nil {
			return nil, errOperation
		}
		return out, nil
	case "verify RSA-PSS":
		return boolByte(rsa.VerifyPSS(pub, h, digest(), sig, pss()) == nil), nil
	case "encrypt RSA-OAEP":
		out, err := rsa.EncryptOAEP(h.New(), rand.Reader, pub, data, extra)
		if err != nil {
			return nil, errOperation
		}
		return out, nil
	case "decrypt RSA-OAEP":
		out, err := rsa.DecryptOAEP(h.New(), nil, priv, data, extra)
		if err != nil {
			return nil, errOperation
		}
		if out == nil {
			out = []byte{}
		}
		return out, nil
	}
	return nil, errBadSubtle
}

func boolByte(ok bool) []byte {
	if ok {
		return []byte{1}
	}
	return []byte{0}
}
