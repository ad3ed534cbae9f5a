// node:crypto for CoreTS-Wasm modules: hashes, HMAC and PBKDF2 on the
// host's Go crypto (jsengine/nodecrypto.go), randomness from the host's
// random source, and webcrypto/subtle from the prelude. Hash and Hmac are
// not streams here (no pipe/write/read); ciphers, signatures, key objects,
// and Diffie-Hellman are not provided (scrypt's working memory is capped at
// 64 MiB on the host whatever maxmem says): crypto.subtle has them.
'use strict';
const I = globalThis[Symbol.for('corets.node')];
const { nodeError, argTypeError } = I;
const { Buffer } = require('node:buffer');

const webcrypto = globalThis.crypto;

function digestName(alg) {
  let n = `${alg}`.toLowerCase();
  if (n.startsWith('rsa-')) n = n.slice(4);
  let m = /^sha-?(1|224|256|384|512)$/.exec(n) || /^sha2-(224|256|384|512)$/.exec(n);
  if (m) return 'sha' + m[1];
  m = /^sha-?512[/-](224|256)$/.exec(n);
  if (m) return 'sha512-' + m[1];
  return n;
}
let hashList;
function getHashes() {
  if (hashList === undefined) hashList = new TextDecoder().decode(I.hashes()).split(',');
  return hashList.slice();
}
function supported(name) {
  return getHashes().includes(name);
}

function toBytes(data, enc, name, what) {
  if (typeof data === 'string') return Buffer.from(data, enc === 'buffer' ? 'utf8' : enc);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (what !== undefined && I.isArrayBuffer(data)) return new Uint8Array(data);
  throw argTypeError(name, what || 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}
function concat(chunks) {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
function output(bytes, enc) {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return enc === undefined || enc === 'buffer' ? b : b.toString(enc);
}
const kCopy = Symbol('copy');
const finalized = () => nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');

// Data is kept until digest: one host call hashes it all, and copy() is
// a copy of the list.
class Hash {
  #alg;
  #chunks;
  #done = false;
  constructor(algorithm, options) {
    if (typeof algorithm !== 'string') throw argTypeError('algorithm', 'of type string', algorithm);
    const name = digestName(algorithm);
    if (!supported(name)) throw new Error('Digest method not supported');
    this.#alg = name;
    this.#chunks = options !== null && typeof options === 'object' && options[kCopy] ? options[kCopy] : [];
  }
  update(data, inputEncoding) {
    if (this.#done) throw finalized();
    this.#chunks.push(new Uint8Array(toBytes(data, inputEncoding, 'data')));
    return this;
  }
  digest(outputEncoding) {
    if (this.#done) throw finalized();
    this.#done = true;
    const d = I.digest(this.#alg, concat(this.#chunks));
    this.#chunks = [];
    return output(d, outputEncoding);
  }
  copy(options) {
    if (this.#done) throw finalized();
    return new Hash(this.#alg, { [kCopy]: this.#chunks.slice() });
  }
}
class Hmac {
  #alg;
  #key;
  #chunks = [];
  #done = false;
  constructor(hmac, key, options) {
    if (typeof hmac !== 'string') throw argTypeError('hmac', 'of type string', hmac);
    const name = digestName(hmac);
    if (!supported(name)) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${hmac}`);
    this.#alg = name;
    if (key !== null && typeof key === 'object' && typeof key.export === 'function' && key.type === 'secret') key = key.export();
    this.#key = new Uint8Array(toBytes(key, options && options.encoding, 'key',
      'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey'));
  }
  update(data, inputEncoding) {
    if (this.#done) throw finalized();
    this.#chunks.push(new Uint8Array(toBytes(data, inputEncoding, 'data')));
    return this;
  }
  digest(outputEncoding) {
    if (this.#done) return output(new Uint8Array(0), outputEncoding); // node returns an empty digest
    this.#done = true;
    const d = I.hmac(this.#alg, this.#key, concat(this.#chunks));
    this.#chunks = [];
    return output(d, outputEncoding);
  }
}
for (const C of [Hash, Hmac]) Object.defineProperty(C, 'name', { value: C === Hash ? 'Hash' : 'Hmac' });

function createHash(algorithm, options) { return new Hash(algorithm, options); }
function createHmac(hmac, key, options) { return new Hmac(hmac, key, options); }
function hash(algorithm, data, outputEncoding = 'hex') {
  if (typeof algorithm !== 'string') throw argTypeError('algorithm', 'of type string', algorithm);
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
    throw argTypeError('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  }
  const name = digestName(algorithm);
  if (!supported(name)) throw new Error('Digest method not supported');
  return output(I.digest(name, new Uint8Array(toBytes(data, 'utf8', 'data'))), outputEncoding);
}

function validateInt(v, name, min, max) {
  if (typeof v !== 'number') throw argTypeError(name, 'of type number', v);
  if (!Number.isInteger(v)) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be an integer. Received ${I.inspect(v)}`);
  }
  if (v < min || v > max) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be >= ${min} && <= ${max}. Received ${I.inspect(v)}`);
  }
}
const kMaxInt32 = 2 ** 31 - 1;
const pbkdf2What = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView';
function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  password = new Uint8Array(toBytes(password, 'utf8', 'password', pbkdf2What));
  salt = new Uint8Array(toBytes(salt, 'utf8', 'salt', pbkdf2What));
  validateInt(iterations, 'iterations', 1, kMaxInt32);
  validateInt(keylen, 'keylen', 0, kMaxInt32);
  if (typeof digest !== 'string') throw argTypeError('digest', 'of type string', digest);
  const name = digestName(digest);
  if (!supported(name)) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
  return output(I.pbkdf2(name, password, salt, iterations, keylen));
}
function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  if (typeof callback !== 'function') throw argTypeError('callback', 'of type function', callback);
  const key = pbkdf2Sync(password, salt, iterations, keylen, digest);
  setTimeout(() => callback(null, key), 0);
}

const scryptDefaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };
function validateUint32(v, name) {
  if (typeof v !== 'number') throw argTypeError(name, 'of type number', v);
  if (!Number.isInteger(v)) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be an integer. Received ${I.inspect(v)}`);
  }
  if (v < 0 || v > 0xffffffff) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be >= 0 && <= 4294967295. Received ${I.inspect(v)}`);
  }
}
const scryptParams = (detail) => nodeError(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', 'Invalid scrypt params' + (detail ? ': ' + detail : ''));
const scryptMemory = 'error:030000AC:digital envelope routines::memory limit exceeded';
function scryptSync(password, salt, keylen, options) {
  password = new Uint8Array(toBytes(password, 'utf8', 'password', pbkdf2What));
  salt = new Uint8Array(toBytes(salt, 'utf8', 'salt', pbkdf2What));
  validateInt(keylen, 'keylen', 0, kMaxInt32);
  let { N, r, p, maxmem } = scryptDefaults;
  if (options) {
    const invalid = () => nodeError(Error, 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter');
    const hasN = options.N !== undefined;
    if (hasN) validateUint32(N = options.N, 'N');
    if (options.cost !== undefined) {
      if (hasN) throw invalid();
      validateUint32(N = options.cost, 'cost');
    }
    const hasR = options.r !== undefined;
    if (hasR) validateUint32(r = options.r, 'r');
    if (options.blockSize !== undefined) {
      if (hasR) throw invalid();
      validateUint32(r = options.blockSize, 'blockSize');
    }
    const hasP = options.p !== undefined;
    if (hasP) validateUint32(p = options.p, 'p');
    if (options.parallelization !== undefined) {
      if (hasP) throw invalid();
      validateUint32(p = options.parallelization, 'parallelization');
    }
    if (options.maxmem !== undefined) {
      maxmem = options.maxmem;
      if (typeof maxmem !== 'number') throw argTypeError('maxmem', 'of type number', maxmem);
      if (!Number.isInteger(maxmem) || maxmem < 0) {
        throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "maxmem" is out of range. It must be >= 0 && <= ${Number.MAX_SAFE_INTEGER}. Received ${I.inspect(maxmem)}`);
      }
    }
    if (N === 0) N = scryptDefaults.N;
    if (r === 0) r = scryptDefaults.r;
    if (p === 0) p = scryptDefaults.p;
    if (maxmem === 0) maxmem = scryptDefaults.maxmem;
  }
  // OpenSSL's checks, in its order
  if (N < 2 || (N & (N - 1)) !== 0 || r * p > 2 ** 30 - 1) throw scryptParams();
  // OpenSSL reports N >= 2^(16r) as a memory limit too
  if ((16 * r <= 63 && N >= 2 ** (16 * r)) || p * 128 * r + 128 * r * (N + 2) > maxmem) throw scryptParams(scryptMemory);
  let out;
  try {
    out = I.scrypt(password, salt, N, r, p, keylen);
  } catch (e) {
    if (e && e.name === 'RangeError' && /memory limit/.test(e.message)) throw scryptParams(scryptMemory);
    throw e;
  }
  return output(out);
}
function scrypt(password, salt, keylen, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') throw argTypeError('callback', 'of type function', callback);
  const key = scryptSync(password, salt, keylen, options);
  setTimeout(() => callback(null, key), 0);
}

function fill(view) {
  const b = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let o = 0; o < b.length; o += 65536) I.randomFill(b.subarray(o, o + 65536));
  return view;
}
function randomBytes(size, callback) {
  validateInt(size, 'size', 0, kMaxInt32);
  if (callback !== undefined && typeof callback !== 'function') throw argTypeError('callback', 'of type function', callback);
  const b = fill(Buffer.alloc(size));
  if (callback === undefined) return b;
  setTimeout(() => callback(null, b), 0);
}
function randomFillSync(buf, offset = 0, size) {
  if (!ArrayBuffer.isView(buf) && !I.isArrayBuffer(buf)) {
    throw argTypeError('buf', 'an instance of ArrayBuffer or ArrayBufferView', buf);
  }
  const bytes = I.isArrayBuffer(buf) ? new Uint8Array(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const el = I.isArrayBuffer(buf) ? 1 : (buf.BYTES_PER_ELEMENT || 1);
  validateInt(offset, 'offset', 0, bytes.length / el);
  if (size === undefined) size = bytes.length / el - offset;
  validateInt(size, 'size', 0, bytes.length / el - offset);
  fill(bytes.subarray(offset * el, (offset + size) * el));
  return buf;
}
function randomFill(buf, offset, size, callback) {
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    size = undefined;
  } else if (typeof size === 'function') {
    callback = size;
    size = undefined;
  }
  if (typeof callback !== 'function') throw argTypeError('callback', 'of type function', callback);
  randomFillSync(buf, offset, size);
  setTimeout(() => callback(null, buf), 0);
}
const RAND_MAX = 0xffffffffffff;
function randomInt(min, max, callback) {
  const minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  const isSync = typeof callback === 'undefined';
  if (!isSync && typeof callback !== 'function') throw argTypeError('callback', 'of type function', callback);
  if (!Number.isSafeInteger(min)) throw argTypeError('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw argTypeError('max', 'a safe integer', max);
  if (max <= min) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE',
      `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
  }
  const range = max - min;
  if (!(range <= RAND_MAX)) {
    const r = String(range).replace(/\B(?=(\d{3})+(?!\d))/g, '_');
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max - min" is out of range. It must be <= ${RAND_MAX}. Received ${r}`);
  }
  // rejection sampling over 48-bit values, as node does
  const randLimit = RAND_MAX - (RAND_MAX % range);
  const b = new Uint8Array(6);
  let n;
  do {
    fill(b);
    n = b[0] * 2 ** 40 + b[1] * 2 ** 32 + b[2] * 2 ** 24 + b[3] * 2 ** 16 + b[4] * 2 ** 8 + b[5];
  } while (n >= randLimit);
  const v = min + (n % range);
  if (isSync) return v;
  queueMicrotask(() => callback(undefined, v)); // node passes undefined, not null
}
function randomUUID(options) {
  if (options !== undefined && (options === null || typeof options !== 'object')) throw argTypeError('options', 'of type object', options);
  return webcrypto.randomUUID();
}
const bufWhat = 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView.';
function timingSafeEqual(a, b) {
  const view = (v, name) => {
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    if (I.isArrayBuffer(v)) return new Uint8Array(v);
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${bufWhat}`);
  };
  const x = view(a, 'buf1');
  const y = view(b, 'buf2');
  if (x.length !== y.length) {
    throw nodeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  }
  let d = 0;
  for (let i = 0; i < x.length; i++) d |= x[i] ^ y[i];
  return d === 0;
}
function getRandomValues(view) { return webcrypto.getRandomValues(view); }

module.exports = {
  createHash,
  createHmac,
  hash,
  Hash,
  Hmac,
  getHashes,
  pbkdf2,
  pbkdf2Sync,
  scrypt,
  scryptSync,
  randomBytes,
  pseudoRandomBytes: randomBytes,
  prng: randomBytes,
  rng: randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  timingSafeEqual,
  getRandomValues,
  webcrypto,
  get subtle() { return webcrypto.subtle; },
  constants: {},
};
