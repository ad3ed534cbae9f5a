// CPU-heavy pure JavaScript for the bench: PBKDF2-HMAC-SHA256 and scrypt,
// self-contained (no packages), written in the ES2015 subset every engine of
// the bench runs. Evaluated as a script, it defines the global cpuBench.
// Results are hex strings, checked against node's crypto by the harness.
var cpuBench = (function () {
  "use strict";
  var K = new Int32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
  var W = new Int32Array(64);

  // block compresses 64 bytes of p at off into the state h (Int32Array(8)).
  function block(h, p, off) {
    var i, t1, t2;
    for (i = 0; i < 16; i++) {
      var j = off + i * 4;
      W[i] = (p[j] << 24) | (p[j + 1] << 16) | (p[j + 2] << 8) | p[j + 3];
    }
    for (i = 16; i < 64; i++) {
      var u = W[i - 2], v = W[i - 15];
      t1 = ((u >>> 17) | (u << 15)) ^ ((u >>> 19) | (u << 13)) ^ (u >>> 10);
      t2 = ((v >>> 7) | (v << 25)) ^ ((v >>> 18) | (v << 14)) ^ (v >>> 3);
      W[i] = (t1 + W[i - 7] + t2 + W[i - 16]) | 0;
    }
    var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (i = 0; i < 64; i++) {
      t1 = (hh + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
        ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
      t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
        ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + hh) | 0;
  }
  var IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

  // Hash is an incremental SHA-256.
  function Hash() { this.h = new Int32Array(8); this.buf = new Uint8Array(64); this.reset(); }
  Hash.prototype.reset = function () { this.h.set(IV); this.n = 0; this.len = 0; return this; };
  Hash.prototype.update = function (p) {
    var i = 0;
    this.len += p.length;
    if (this.n > 0) {
      while (this.n < 64 && i < p.length) this.buf[this.n++] = p[i++];
      if (this.n < 64) return this;
      block(this.h, this.buf, 0);
      this.n = 0;
    }
    for (; i + 64 <= p.length; i += 64) block(this.h, p, i);
    while (i < p.length) this.buf[this.n++] = p[i++];
    return this;
  };
  Hash.prototype.digest = function (out) {
    var bits = this.len * 8, n = this.n, buf = this.buf;
    buf[n++] = 0x80;
    if (n > 56) { while (n < 64) buf[n++] = 0; block(this.h, buf, 0); n = 0; }
    while (n < 56) buf[n++] = 0;
    var hi = Math.floor(bits / 0x100000000);
    buf[56] = hi >>> 24; buf[57] = hi >>> 16; buf[58] = hi >>> 8; buf[59] = hi;
    buf[60] = bits >>> 24; buf[61] = bits >>> 16; buf[62] = bits >>> 8; buf[63] = bits;
    block(this.h, buf, 0);
    for (var i = 0; i < 8; i++) {
      var x = this.h[i];
      out[i * 4] = x >>> 24; out[i * 4 + 1] = x >>> 16; out[i * 4 + 2] = x >>> 8; out[i * 4 + 3] = x;
    }
    return out;
  };

  // HMAC-SHA256 with the key's inner and outer states computed once.
  function Hmac(key) {
    if (key.length > 64) key = new Hash().update(key).digest(new Uint8Array(32));
    var pad = new Uint8Array(64), i;
    this.inner = new Hash(); this.outer = new Hash();
    for (i = 0; i < 64; i++) pad[i] = (key[i] | 0) ^ 0x36;
    this.inner.update(pad);
    for (i = 0; i < 64; i++) pad[i] = (key[i] | 0) ^ 0x5c;
    this.outer.update(pad);
    this.ih = new Int32Array(this.inner.h); this.oh = new Int32Array(this.outer.h);
    this.tmp = new Uint8Array(32);
  }
  Hmac.prototype.mac = function (msg, out) {
    this.inner.h.set(this.ih); this.inner.n = 0; this.inner.len = 64;
    this.inner.update(msg).digest(this.tmp);
    this.outer.h.set(this.oh); this.outer.n = 0; this.outer.len = 64;
    return this.outer.update(this.tmp).digest(out);
  };

  function pbkdf2(password, salt, iterations, dkLen) {
    var mac = new Hmac(password), out = new Uint8Array(dkLen);
    var msg = new Uint8Array(salt.length + 4), u = new Uint8Array(32), t = new Uint8Array(32);
    msg.set(salt);
    for (var blk = 1, pos = 0; pos < dkLen; blk++) {
      msg[salt.length] = blk >>> 24; msg[salt.length + 1] = blk >>> 16;
      msg[salt.length + 2] = blk >>> 8; msg[salt.length + 3] = blk;
      mac.mac(msg, u);
      t.set(u);
      for (var it = 1; it < iterations; it++) {
        mac.mac(u, u);
        for (var k = 0; k < 32; k++) t[k] ^= u[k];
      }
      for (var k2 = 0; k2 < 32 && pos < dkLen; k2++) out[pos++] = t[k2];
    }
    return out;
  }

  // salsa20/8 core on B (Uint32Array of 16 at off), in place, with x scratch.
  function salsa(B, off, x) {
    var i;
    for (i = 0; i < 16; i++) x[i] = B[off + i];
    for (i = 0; i < 8; i += 2) {
      var t;
      t = x[0] + x[12]; x[4] ^= (t << 7) | (t >>> 25); t = x[4] + x[0]; x[8] ^= (t << 9) | (t >>> 23);
      t = x[8] + x[4]; x[12] ^= (t << 13) | (t >>> 19); t = x[12] + x[8]; x[0] ^= (t << 18) | (t >>> 14);
      t = x[5] + x[1]; x[9] ^= (t << 7) | (t >>> 25); t = x[9] + x[5]; x[13] ^= (t << 9) | (t >>> 23);
      t = x[13] + x[9]; x[1] ^= (t << 13) | (t >>> 19); t = x[1] + x[13]; x[5] ^= (t << 18) | (t >>> 14);
      t = x[10] + x[6]; x[14] ^= (t << 7) | (t >>> 25); t = x[14] + x[10]; x[2] ^= (t << 9) | (t >>> 23);
      t = x[2] + x[14]; x[6] ^= (t << 13) | (t >>> 19); t = x[6] + x[2]; x[10] ^= (t << 18) | (t >>> 14);
      t = x[15] + x[11]; x[3] ^= (t << 7) | (t >>> 25); t = x[3] + x[15]; x[7] ^= (t << 9) | (t >>> 23);
      t = x[7] + x[3]; x[11] ^= (t << 13) | (t >>> 19); t = x[11] + x[7]; x[15] ^= (t << 18) | (t >>> 14);
      t = x[0] + x[3]; x[1] ^= (t << 7) | (t >>> 25); t = x[1] + x[0]; x[2] ^= (t << 9) | (t >>> 23);
      t = x[2] + x[1]; x[3] ^= (t << 13) | (t >>> 19); t = x[3] + x[2]; x[0] ^= (t << 18) | (t >>> 14);
      t = x[5] + x[4]; x[6] ^= (t << 7) | (t >>> 25); t = x[6] + x[5]; x[7] ^= (t << 9) | (t >>> 23);
      t = x[7] + x[6]; x[4] ^= (t << 13) | (t >>> 19); t = x[4] + x[7]; x[5] ^= (t << 18) | (t >>> 14);
      t = x[10] + x[9]; x[11] ^= (t << 7) | (t >>> 25); t = x[11] + x[10]; x[8] ^= (t << 9) | (t >>> 23);
      t = x[8] + x[11]; x[9] ^= (t << 13) | (t >>> 19); t = x[9] + x[8]; x[10] ^= (t << 18) | (t >>> 14);
      t = x[15] + x[14]; x[12] ^= (t << 7) | (t >>> 25); t = x[12] + x[15]; x[13] ^= (t << 9) | (t >>> 23);
      t = x[13] + x[12]; x[14] ^= (t << 13) | (t >>> 19); t = x[14] + x[13]; x[15] ^= (t << 18) | (t >>> 14);
    }
    for (i = 0; i < 16; i++) B[off + i] = (B[off + i] + x[i]) | 0;
  }

  // blockMix of B (2r blocks of 16 words) into Y, then back into B.
  function blockMix(B, Y, r, x) {
    var i, j, n = 2 * r;
    var X = new Int32Array(16);
    for (j = 0; j < 16; j++) X[j] = B[(n - 1) * 16 + j];
    for (i = 0; i < n; i++) {
      for (j = 0; j < 16; j++) X[j] ^= B[i * 16 + j];
      salsa(X, 0, x);
      var dst = ((i & 1) * r + (i >> 1)) * 16;
      for (j = 0; j < 16; j++) Y[dst + j] = X[j];
    }
    B.set(Y);
  }

  function scrypt(password, salt, N, r, p, dkLen) {
    var blen = 128 * r, words = 32 * r;
    var Bb = pbkdf2(password, salt, 1, p * blen);
    var X = new Int32Array(words), Y = new Int32Array(words), V = new Int32Array(words * N), x = new Int32Array(16);
    for (var q = 0; q < p; q++) {
      var base = q * blen, i, j;
      for (i = 0; i < words; i++) {
        var o = base + i * 4;
        X[i] = Bb[o] | (Bb[o + 1] << 8) | (Bb[o + 2] << 16) | (Bb[o + 3] << 24);
      }
      for (i = 0; i < N; i++) { V.set(X, i * words); blockMix(X, Y, r, x); }
      for (i = 0; i < N; i++) {
        j = X[(2 * r - 1) * 16] & (N - 1);
        for (var k = 0; k < words; k++) X[k] ^= V[j * words + k];
        blockMix(X, Y, r, x);
      }
      for (i = 0; i < words; i++) {
        var w = X[i], o2 = base + i * 4;
        Bb[o2] = w; Bb[o2 + 1] = w >>> 8; Bb[o2 + 2] = w >>> 16; Bb[o2 + 3] = w >>> 24;
      }
    }
    return pbkdf2(password, Bb, 1, dkLen);
  }

  function bytes(s) {
    var b = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
    return b;
  }
  function hex(b) {
    var s = "";
    for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? "0" : "") + b[i].toString(16);
    return s;
  }

  return {
    // pbkdf2-sha256 of "password"/"salt", 32 bytes
    pbkdf2: function (iterations) { return hex(pbkdf2(bytes("password"), bytes("salt"), iterations, 32)); },
    // scrypt of "password"/"salt" with r=8, p=1, 64 bytes
    scrypt: function (N) { return hex(scrypt(bytes("password"), bytes("salt"), N, 8, 1, 64)); },
  };
})();
