package jsengine

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"hash"
	"math/bits"
	"strconv"
)

// The host side of crypto.subtle (prelude/47-subtle.js): Go's constant-time
// primitives behind one synchronous host function. Key material stays in
// the guest, in the prelude's private scope (a WeakMap keyed by CryptoKey):
// module code cannot reach it, and the host keeps nothing between calls.
//
// The argument is a list of fields, each a little-endian uint32 length and
// its bytes; the first field names the operation. Numbers are decimal text.
// Work is bounded: inputs by the guest's own memory, outputs by
// maxSubtleOutput, and PBKDF2's iterations by the call's deadline.

const maxSubtleOutput = 1 << 20

// subtleError is thrown in the guest with its DOMException name, which the
// prelude turns into a DOMException.
type subtleError struct{ name, msg string }

func (e subtleError) Error() string  { return e.msg }
func (e subtleError) JSName() string { return e.name }

var errOperation = subtleError{"OperationError", "The operation failed for an operation-specific reason"}

var (
	errBadSubtle      = errors.New("malformed crypto.subtle request")
	errSubtleDeadline = errors.New("crypto.subtle: the call's deadline passed")
)

func subtleFields(arg []byte) ([][]byte, error) {
	var out [][]byte
	for len(arg) > 0 {
		if len(arg) < 4 {
			return nil, errBadSubtle
		}
		n := binary.LittleEndian.Uint32(arg)
		arg = arg[4:]
		if uint64(n) > uint64(len(arg)) {
			return nil, errBadSubtle
		}
		out = append(out, arg[:n:n])
		arg = arg[n:]
	}
	if len(out) == 0 {
		return nil, errBadSubtle
	}
	return out, nil
}

func subtleHash(name []byte) (func() hash.Hash, error) {
	switch string(name) {
	case "SHA-1":
		return sha1.New, nil
	case "SHA-256":
		return sha256.New, nil
	case "SHA-384":
		return sha512.New384, nil
	case "SHA-512":
		return sha512.New, nil
	}
	return nil, subtleError{"NotSupportedError", "Unrecognized algorithm name"}
}

func subtleInt(b []byte) (int, error) {
	n, err := strconv.Atoi(string(b))
	if err != nil || n < 0 {
		return 0, errBadSubtle
	}
	return n, nil
}

// want checks the field count of an operation.
// digestOp answers "digest" (hash, data) with the hash lookup names.
// crypto.subtle and node:crypto share it, each with its own hash names.
func digestOp(f [][]byte, lookup func([]byte) (func() hash.Hash, error)) ([]byte, error) {
	if err := want(f, 3); err != nil {
		return nil, err
	}
	h, err := lookup(f[1])
	if err != nil {
		return nil, err
	}
	d := h()
	d.Write(f[2])
	return d.Sum(nil), nil
}

// hmacOp answers "hmac" (hash, key, data), as digestOp.
func hmacOp(f [][]byte, lookup func([]byte) (func() hash.Hash, error)) ([]byte, error) {
	if err := want(f, 4); err != nil {
		return nil, err
	}
	h, err := lookup(f[1])
	if err != nil {
		return nil, err
	}
	m := hmac.New(h, f[2])
	m.Write(f[3])
	return m.Sum(nil), nil
}

func want(f [][]byte, n int) error {
	if len(f) != n {
		return errBadSubtle
	}
	return nil
}

func subtleFunc(ctx context.Context, _ *Caller, arg []byte) ([]byte, error) {
	f, err := subtleFields(arg)
	if err != nil {
		return nil, err
	}
	switch string(f[0]) {
	case "digest": // hash, data
		return digestOp(f, subtleHash)
	case "hmac": // hash, key, data
		return hmacOp(f, subtleHash)
	case "hmac.verify": // hash, key, data, signature
		if err := want(f, 5); err != nil {
			return nil, err
		}
		h, err := subtleHash(f[1])
		if err != nil {
			return nil, err
		}
		m := hmac.New(h, f[2])
		m.Write(f[3])
		if hmac.Equal(m.Sum(nil), f[4]) {
			return []byte{1}, nil
		}
		return []byte{0}, nil
	case "pbkdf2": // hash, password, salt, iterations, bytes
		if err := want(f, 6); err != nil {
			return nil, err
		}
		h, err := subtleHash(f[1])
		if err != nil {
			return nil, err
		}
		iter, err1 := subtleInt(f[4])
		n, err2 := subtleInt(f[5])
		if err1 != nil || err2 != nil {
			return nil, errBadSubtle
		}
		if n > maxSubtleOutput {
			return nil, errOperation
		}
		return pbkdf2(ctx, h, f[2], f[3], iter, n)
	case "hkdf": // hash, ikm, salt, info, bytes
		if err := want(f, 6); err != nil {
			return nil, err
		}
		h, err := subtleHash(f[1])
		if err != nil {
			return nil, err
		}
		n, err := subtleInt(f[5])
		if err != nil {
			return nil, err
		}
		out, err := hkdf.Key(h, f[2], f[3], string(f[4]), n)
		if err != nil {
			return nil, errOperation
		}
		return out, nil
	case "aes-gcm.encrypt", "aes-gcm.decrypt": // key, iv, aad, tagBytes, data
		if err := want(f, 6); err != nil {
			return nil, err
		}
		tag, err := subtleInt(f[4])
		if err != nil {
			return nil, err
		}
		block, err := aes.NewCipher(f[1])
		if err != nil {
			return nil, errOperation
		}
		if len(f[2]) == 0 || tag < 12 || tag > 16 {
			return nil, errOperation
		}
		var g cipher.AEAD
		if len(f[2]) == 12 {
			g, err = cipher.NewGCMWithTagSize(block, tag)
		} else if tag == 16 {
			g, err = cipher.NewGCMWithNonceSize(block, len(f[2]))
		} else {
			// Go offers no GCM with both a custom nonce and a short tag.
			return nil, subtleError{"NotSupportedError", "AES-GCM with a " + strconv.Itoa(len(f[2])) + "-byte iv needs a 128-bit tag"}
		}
		if err != nil {
			return nil, errOperation
		}
		if string(f[0]) == "aes-gcm.encrypt" {
			return g.Seal(nil, f[2], f[5], f[3]), nil
		}
		out, err := g.Open(nil, f[2], f[5], f[3])
		if err != nil {
			return nil, errOperation
		}
		return out, nil
	case "aes-cbc.encrypt", "aes-cbc.decrypt": // key, iv, data
		if err := want(f, 4); err != nil {
			return nil, err
		}
		return aesCBC(string(f[0]) == "aes-cbc.encrypt", f[1], f[2], f[3])
	case "aes-kw.wrap", "aes-kw.unwrap": // key, data (subtle_kw.go)
		if err := want(f, 3); err != nil {
			return nil, err
		}
		return aesKW(string(f[0]) == "aes-kw.wrap", f[1], f[2])
	case "aes-ctr": // key, counter, length (bits of the counter), data
		if err := want(f, 5); err != nil {
			return nil, err
		}
		n, err := subtleInt(f[3])
		if err != nil {
			return nil, err
		}
		return aesCTR(f[1], f[2], n, f[4])
	case "rsa.generate": // bits, public exponent
		if err := want(f, 3); err != nil {
			return nil, err
		}
		bits, err := subtleInt(f[1])
		if err != nil {
			return nil, err
		}
		return rsaGenerate(ctx, bits, f[2])
	case "rsa.import": // format, data
		if err := want(f, 3); err != nil {
			return nil, err
		}
		return rsaImport(string(f[1]), f[2])
	case "rsa.jwk": // "private"|"public", der
		if err := want(f, 3); err != nil {
			return nil, err
		}
		return rsaJWK(string(f[1]) == "private", f[2])
	case "rsa": // op, scheme, hash, der, data, signature, salt length or label
		if err := want(f, 8); err != nil {
			return nil, err
		}
		return rsaOp(string(f[1]), string(f[2]), string(f[3]), f[4], f[5], f[6], f[7])
	case "asym.generate": // kind
		if err := want(f, 2); err != nil {
			return nil, err
		}
		return asymGenerate(string(f[1]))
	case "asym.import": // kind, format, data
		if err := want(f, 4); err != nil {
			return nil, err
		}
		return asymImport(string(f[1]), string(f[2]), f[3])
	case "asym.export": // kind, format, "private"|"public", der
		if err := want(f, 5); err != nil {
			return nil, err
		}
		return asymExport(string(f[1]), string(f[2]), string(f[3]) == "private", f[4])
	case "asym.sign": // kind, hash, pkcs8, data
		if err := want(f, 5); err != nil {
			return nil, err
		}
		return asymSign(string(f[1]), string(f[2]), f[3], f[4])
	case "asym.verify": // kind, hash, spki, data, signature
		if err := want(f, 6); err != nil {
			return nil, err
		}
		ok, err := asymVerify(string(f[1]), string(f[2]), f[3], f[4], f[5])
		if err != nil {
			return nil, err
		}
		if ok {
			return []byte{1}, nil
		}
		return []byte{0}, nil
	case "asym.derive": // kind, pkcs8, peer's spki
		if err := want(f, 4); err != nil {
			return nil, err
		}
		return asymDerive(string(f[1]), f[2], f[3])
	}
	return nil, errBadSubtle
}

// pbkdf2 is RFC 8018's PBKDF2 with HMAC, checking the call's deadline as it
// goes: a module's iteration count cannot hold the instance past it.
func pbkdf2(ctx context.Context, h func() hash.Hash, password, salt []byte, iter, n int) ([]byte, error) {
	if iter == 0 {
		return nil, subtleError{"OperationError", "iterations cannot be zero"}
	}
	prf := hmac.New(h, password)
	hLen := prf.Size()
	out := make([]byte, 0, n+hLen)
	var buf [4]byte
	u := make([]byte, hLen)
	t := make([]byte, hLen)
	for block := uint32(1); len(out) < n; block++ {
		prf.Reset()
		prf.Write(salt)
		binary.BigEndian.PutUint32(buf[:], block)
		prf.Write(buf[:])
		u = prf.Sum(u[:0])
		copy(t, u)
		for i := 1; i < iter; i++ {
			if i&1023 == 0 && ctx.Err() != nil {
				return nil, errSubtleDeadline
			}
			prf.Reset()
			prf.Write(u)
			u = prf.Sum(u[:0])
			subtle.XORBytes(t, t, u)
		}
		out = append(out, t...)
	}
	return out[:n], nil
}

// aesCBC is AES-CBC with PKCS #7 padding.
func aesCBC(encrypt bool, key, iv, data []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil || len(iv) != aes.BlockSize {
		return nil, errOperation
	}
	if encrypt {
		pad := aes.BlockSize - len(data)%aes.BlockSize
		out := make([]byte, len(data)+pad)
		copy(out, data)
		for i := len(data); i < len(out); i++ {
			out[i] = byte(pad)
		}
		cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, out)
		return out, nil
	}
	if len(data) == 0 || len(data)%aes.BlockSize != 0 {
		return nil, errOperation
	}
	out := make([]byte, len(data))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, data)
	pad := int(out[len(out)-1])
	// The padding is checked in full, whatever its first byte says.
	bad := subtle.ConstantTimeLessOrEq(pad, 0) | subtle.ConstantTimeLessOrEq(aes.BlockSize+1, pad)
	for i := 1; i <= aes.BlockSize; i++ {
		inPad := subtle.ConstantTimeLessOrEq(i, pad)
		bad |= inPad & (1 ^ subtle.ConstantTimeByteEq(out[len(out)-i], byte(pad)))
	}
	if bad != 0 {
		return nil, errOperation
	}
	return out[:len(out)-pad], nil
}

// aesCTR is AES-CTR whose counter is the low length bits of the counter
// block (WebCrypto's AesCtrParams): they wrap, the rest stays fixed, and a
// message that would reuse a counter value is refused.
func aesCTR(key, counter []byte, length int, data []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil || len(counter) != aes.BlockSize || length < 1 || length > 128 {
		return nil, errOperation
	}
	blocks := (len(data) + aes.BlockSize - 1) / aes.BlockSize
	if length < 63 && uint64(blocks) > 1<<length {
		return nil, errOperation
	}
	hi, lo := binary.BigEndian.Uint64(counter), binary.BigEndian.Uint64(counter[8:])
	var mhi, mlo uint64 // the counter's bits
	switch {
	case length >= 128:
		mhi, mlo = ^uint64(0), ^uint64(0)
	case length > 64:
		mhi, mlo = 1<<(length-64)-1, ^uint64(0)
	case length == 64:
		mlo = ^uint64(0)
	default:
		mlo = 1<<length - 1
	}
	out := make([]byte, len(data))
	var ctr, ks [aes.BlockSize]byte
	for i := 0; i < blocks; i++ {
		l, carry := bits.Add64(lo, uint64(i), 0)
		h, _ := bits.Add64(hi, 0, carry)
		binary.BigEndian.PutUint64(ctr[:], hi&^mhi|h&mhi)
		binary.BigEndian.PutUint64(ctr[8:], lo&^mlo|l&mlo)
		block.Encrypt(ks[:], ctr[:])
		off := i * aes.BlockSize
		subtle.XORBytes(out[off:], data[off:], ks[:])
	}
	return out, nil
}
