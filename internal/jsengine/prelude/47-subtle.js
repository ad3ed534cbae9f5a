// crypto.subtle (SubtleCrypto) and CryptoKey, on the host's Go crypto.
// Key material stays in this scope (a WeakMap from CryptoKey to its bytes),
// which no module code can reach: a non-extractable key's bytes leave it
// only through the host's operations, never back to JS.
//
// Differences from node, kept for now: no X448/Ed448; AES-GCM tags under 96 bits (and short tags with an iv other
// than 12 bytes) are NotSupportedError; RSA keys under 1024 bits and
// exponents other than 65537 (generation) are refused, as is RSA-PSS with
// saltLength 0 (Go's crypto cannot make them); EC raw keys must be
// uncompressed; modulusLength is at most 4096.
  const subtleMod = lazy(makeSubtle);
  // structuredClone's copy of a CryptoKey (undefined for anything else):
  // the hook is set once the API is built; until then no CryptoKey exists.
  const subtleHooks = { clone: undefined };
  function subtleClone(v) {
    return subtleHooks.clone === undefined ? undefined : subtleHooks.clone(v);
  }

  // The argument of a host function that takes fields (crypto.subtle's,
  // node.crypto's): a little-endian uint32 length before each; the first
  // names the operation. Strings go as UTF-8, buffers as they are.
  function packFields(enc, op, fields) {
    const parts = [enc.encode(op)];
    for (const f of fields) parts.push(typeof f === 'string' ? enc.encode(f) : f);
    let n = 0;
    for (const p of parts) n += 4 + p.byteLength;
    const buf = new Uint8Array(n);
    const dv = new DataView(buf.buffer);
    let o = 0;
    for (const p of parts) {
      dv.setUint32(o, p.byteLength, true);
      buf.set(p, o + 4);
      o += 4 + p.byteLength;
    }
    return buf;
  }

  function makeSubtle() {
    const H = host.lookup('crypto.subtle');
    const keyData = new WeakMap(); // CryptoKey -> its record: bytes, name, hash, usages, extractable
    const DOM_NAMES = ['OperationError', 'NotSupportedError', 'DataError', 'InvalidAccessError', 'SyntaxError'];
    const enc = new (encodingMod().TextEncoder)();
    const hashes = { 'SHA-1': [160, 512], 'SHA-256': [256, 512], 'SHA-384': [384, 1024], 'SHA-512': [512, 1024] };
    const hmacAlg = { 'SHA-1': 'HS1', 'SHA-256': 'HS256', 'SHA-384': 'HS384', 'SHA-512': 'HS512' };

    function call(op, ...fields) {
      const buf = packFields(enc, op, fields);
      try {
        return hostCall(H, buf);
      } catch (e) {
        if (e && DOM_NAMES.includes(e.name)) throw domException(e.message, e.name);
        throw e;
      }
    }

    const webidl = (op, msg) => `Failed to execute '${op}' on 'SubtleCrypto': ${msg}`;
    function bytesOf(v, op, pos) { // a copy of a BufferSource's bytes
      if (isArrayBuffer(v)) return new Uint8Array(v.slice(0));
      if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        op ? webidl(op, `${pos} argument is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.`)
          : 'Failed to normalize algorithm: ' + pos + ' is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
    }
    function need(op, n, args) {
      if (args.length < n) {
        throw missingArgs(webidl(op, `${n} argument${n === 1 ? '' : 's'} required, but only ${args.length} present.`));
      }
    }
    const notSupported = () => domException('Unrecognized algorithm name', 'NotSupportedError');
    const rsaNames = ['RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP'];
    const opAlgs = {
      digest: ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'],
      sign: ['HMAC', 'Ed25519', 'ECDSA', 'RSASSA-PKCS1-v1_5', 'RSA-PSS'],
      encrypt: ['AES-GCM', 'AES-CBC', 'AES-CTR', 'RSA-OAEP'],
      importKey: ['HMAC', 'PBKDF2', 'HKDF', 'AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW', 'Ed25519', 'X25519', 'ECDSA', 'ECDH', ...rsaNames],
      generateKey: ['HMAC', 'AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW', 'Ed25519', 'X25519', 'ECDSA', 'ECDH', ...rsaNames],
      deriveBits: ['PBKDF2', 'HKDF', 'ECDH', 'X25519'],
      wrapKey: ['AES-KW', 'AES-GCM', 'AES-CBC', 'AES-CTR', 'RSA-OAEP'],
    };
    function algName(a, op = 'digest') {
      const name = typeof a === 'string' ? a : a && typeof a === 'object' ? a.name : undefined;
      if (typeof name !== 'string') {
        if (a && typeof a === 'object') {
          throw nodeError(TypeError, 'ERR_MISSING_OPTION',
            "Failed to normalize algorithm: passed algorithm can not be converted to 'Algorithm' because 'name' is required in 'Algorithm'.");
        }
        throw notSupported();
      }
      const up = name.toUpperCase();
      const found = opAlgs[op].find((n) => n.toUpperCase() === up);
      if (!found) throw notSupported();
      return found;
    }
    const dictOf = (a) => (typeof a === 'string' ? { name: a } : a);
    function member(a, key, dict, required = true) {
      const v = a[key];
      if (v === undefined && required) {
        throw nodeError(TypeError, 'ERR_MISSING_OPTION',
          `Failed to normalize algorithm: passed algorithm can not be converted to '${dict}' because '${key}' is required in '${dict}'.`);
      }
      return v;
    }
    function hashOf(a, dict) {
      const h = algName(member(a, 'hash', dict));
      if (!hashes[h]) throw notSupported();
      return h;
    }

    class CryptoKey {
      #type; #extractable; #algorithm; #usages;
      constructor(key, type, extractable, algorithm, usages) {
        if (key !== internalKey) throw illegalConstructor();
        this.#type = type;
        this.#extractable = extractable;
        this.#algorithm = algorithm;
        this.#usages = usages;
      }
      get type() { return this.#type; }
      get extractable() { return this.#extractable; }
      get algorithm() { return this.#algorithm; }
      get usages() { return this.#usages; }
      [customInspect](depth, options) {
        if (depth < 0) return 'CryptoKey';
        return `CryptoKey ${inspect({
          type: this.#type, extractable: this.#extractable, algorithm: this.#algorithm, usages: this.#usages,
        }, { ...options, depth: options.depth === null ? null : options.depth - 1 })}`;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'CryptoKey', configurable: true });
      }
    }
    function newKey(type, extractable, algorithm, usages, bytes) {
      const k = new CryptoKey(internalKey, type, !!extractable, algorithm, usages);
      // The checks use this record, not the key's public (mutable) objects.
      keyData.set(k, { bytes, name: algorithm.name, hash: algorithm.hash && algorithm.hash.name,
        length: algorithm.length, usages: [...usages], extractable: !!extractable, type });
      return k;
    }
    function record(k) {
      const r = keyData.get(k);
      if (r === undefined) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "key" argument must be an instance of CryptoKey.' + describeReceived(k));
      return r;
    }
    const secret = (k) => record(k).bytes;
    function checkUsages(usages, allowed, what) {
      const list = [...usages];
      for (const u of list) {
        if (!allowed.includes(u)) throw domException(`Unsupported key usage for ${what}`, 'SyntaxError');
      }
      return list; // as given, as node keeps them
    }
    function nonEmpty(usages) {
      if (usages.length === 0) throw domException('Usages cannot be empty when creating a key.', 'SyntaxError');
    }
    const useKey = (key, name, usage, verb) => {
      const r = record(key);
      if (r.name !== name || !r.usages.includes(usage)) {
        throw domException(verb === 'sign' || verb === 'verify' ? `Unable to use this key to ${verb}`
          : 'The requested operation is not valid for the provided key', 'InvalidAccessError');
      }
    };

    function b64url(bytes) {
      let s = '';
      for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
      return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }
    function fromB64url(s) {
      if (typeof s !== 'string' || !/^[A-Za-z0-9_-]*$/.test(s)) throw domException('Invalid keyData', 'DataError');
      let bin;
      try { bin = atob(s.replace(/-/g, '+').replace(/_/g, '/')); } catch { throw domException('Invalid keyData', 'DataError'); }
      const out = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
      return out;
    }
    function jwkChecks(jwk, extractable, usages, alg) {
      if (!jwk || typeof jwk !== 'object') throw domException('Invalid keyData', 'DataError');
      if (jwk.kty !== 'oct') throw domException('Invalid JWK "kty" Parameter', 'DataError');
      if (usages.length > 0 && jwk.use !== undefined && jwk.use !== 'enc' && jwk.use !== 'sig') {
        throw domException('Invalid JWK "use" Parameter', 'DataError');
      }
      if (jwk.key_ops !== undefined) {
        if (!Array.isArray(jwk.key_ops)) throw domException('Invalid JWK "key_ops" Parameter', 'DataError');
        for (const u of usages) {
          if (!jwk.key_ops.includes(u)) throw domException('Key operations and usage mismatch', 'DataError');
        }
      }
      if (jwk.ext === false && extractable) throw domException('JWK "ext" Parameter and extractable mismatch', 'DataError');
      if (typeof jwk.k !== 'string') throw domException('Invalid keyData', 'DataError');
      if (alg !== undefined && jwk.alg !== undefined && jwk.alg !== alg) {
        throw domException('JWK "alg" does not match the requested algorithm', 'DataError');
      }
      return fromB64url(jwk.k);
    }

    function importSecret(format, keyData_, alg, extractable, usages) {
      const name = algName(alg, 'importKey');
      const a = dictOf(alg);
      if (asymUsages[name]) return importAsym(name, format, keyData_, a, extractable, usages);
      if (name === 'HMAC') {
        const hash = hashOf(a, 'HmacImportParams');
        usages = checkUsages(usages, ['sign', 'verify'], 'an HMAC key');
        let bytes;
        if (format === 'raw') bytes = bytesOf(keyData_, 'importKey', '2nd');
        else if (format === 'jwk') bytes = jwkChecks(keyData_, extractable, usages, hmacAlg[hash]);
        else throw domException(`Unable to import HMAC key with format ${format}`, 'NotSupportedError');
        if (bytes.length === 0) throw domException('Zero-length key is not supported', 'DataError');
        let length = bytes.length * 8;
        if (a.length !== undefined) {
          const l = +a.length;
          if (l > length || l <= length - 8 || l === 0) throw domException('Invalid key length', 'DataError');
          length = l;
        }
        nonEmpty(usages);
        return newKey('secret', extractable, { name: 'HMAC', hash: { name: hash }, length }, usages, bytes);
      }
      if (name === 'PBKDF2' || name === 'HKDF') {
        if (format !== 'raw') throw domException(`Unable to import ${name} key with format ${format}`, 'NotSupportedError');
        usages = checkUsages(usages, ['deriveKey', 'deriveBits'], `a ${name} key`);
        if (extractable) throw domException(`${name} keys are not extractable`, 'SyntaxError');
        nonEmpty(usages);
        return newKey('secret', false, { name }, usages, bytesOf(keyData_, 'importKey', '2nd'));
      }
      if (isAES(name)) {
        usages = checkUsages(usages, aesUsages(name), 'an AES key');
        let bytes;
        if (format === 'raw') bytes = bytesOf(keyData_, 'importKey', '2nd');
        else if (format === 'jwk') {
          bytes = jwkChecks(keyData_, extractable, usages, undefined);
          const want = `A${bytes.length * 8}${name.slice(4)}`;
          if (keyData_.alg !== undefined && keyData_.alg !== want) throw domException('JWK "alg" does not match the requested algorithm', 'DataError');
        } else throw domException(`Unable to import AES key with format ${format}`, 'NotSupportedError');
        if (![16, 24, 32].includes(bytes.length)) throw domException('Invalid key length', 'DataError');
        nonEmpty(usages);
        return newKey('secret', extractable, { name, length: bytes.length * 8 }, usages, bytes);
      }
      throw domException(`Unable to import ${name} key with format ${format}`, 'NotSupportedError');
    }

    function derive(alg, key, length, usage) {
      const name = algName(alg, 'deriveBits');
      const a = dictOf(alg);
      if (name === 'ECDH' || name === 'X25519') return deriveAsym(name, a, key, length, usage);
      if (name !== 'PBKDF2' && name !== 'HKDF') throw notSupported();
      const dict = name === 'PBKDF2' ? 'Pbkdf2Params' : 'HkdfParams';
      const hash = hashOf(a, dict);
      const salt = bytesOf(member(a, 'salt', dict), undefined, 'salt');
      let info, iterations;
      if (name === 'PBKDF2') iterations = member(a, 'iterations', dict);
      else info = bytesOf(member(a, 'info', dict), undefined, 'info');
      const r = record(key);
      if (r.name !== name) throw domException('The requested operation is not valid for the provided key', 'InvalidAccessError');
      if (!r.usages.includes(usage)) throw domException(`baseKey does not have ${usage} usage`, 'InvalidAccessError');
      if (length === null) throw domException('length cannot be null', 'OperationError');
      length = length === undefined ? 0 : Number(length) >>> 0;
      if (length % 8) throw domException('length must be a multiple of 8', 'OperationError');
      if (name === 'PBKDF2') {
        iterations = Number(iterations) >>> 0;
        if (iterations === 0) throw domException('iterations cannot be zero', 'OperationError');
        if (length === 0) return new ArrayBuffer(0);
        return call('pbkdf2', hash, secret(key), salt, '' + iterations, '' + length / 8);
      }
      if (length === 0) return new ArrayBuffer(0);
      return call('hkdf', hash, secret(key), salt, info, '' + length / 8);
    }

    function generateSecret(alg, extractable, usages) {
      const name = algName(alg, 'generateKey');
      const a = dictOf(alg);
      if (asymUsages[name]) return generateAsym(name, a, extractable, usages);
      if (name === 'HMAC') {
        const hash = hashOf(a, 'HmacKeyGenParams');
        usages = checkUsages(usages, ['sign', 'verify'], 'an HMAC key');
        const length = a.length === undefined ? hashes[hash][1] : Number(a.length) >>> 0;
        if (length === 0) throw domException('Zero-length key is not supported', 'OperationError');
        nonEmpty(usages);
        const bytes = new Uint8Array(Math.ceil(length / 8));
        for (let o = 0; o < bytes.length; o += 65536) hostRandomFill(bytes.subarray(o, o + 65536));
        return newKey('secret', extractable, { name: 'HMAC', length, hash: { name: hash } }, usages, bytes);
      }
      if (isAES(name)) {
        const length = member(a, 'length', 'AesKeyGenParams');
        if (![128, 192, 256].includes(length)) throw domException('AES key length must be 128, 192, or 256 bits', 'OperationError');
        usages = checkUsages(usages, aesUsages(name), 'an AES key');
        nonEmpty(usages);
        const bytes = new Uint8Array(length / 8);
        hostRandomFill(bytes);
        return newKey('secret', extractable, { name, length }, usages, bytes);
      }
      throw notSupported();
    }

    function aesGcm(op, alg, key, data) {
      const a = dictOf(alg);
      const iv = bytesOf(member(a, 'iv', 'AesGcmParams'), undefined, 'iv');
      const aad = a.additionalData === undefined ? new Uint8Array(0) : bytesOf(a.additionalData, undefined, 'additionalData');
      const tagLength = a.tagLength === undefined ? 128 : Number(a.tagLength);
      if (![32, 64, 96, 104, 112, 120, 128].includes(tagLength)) {
        throw domException(`${tagLength} is not a valid AES-GCM tag length`, 'OperationError');
      }
      if (tagLength < 96) throw domException(`${tagLength}-bit AES-GCM tags are not supported here`, 'NotSupportedError');
      if (op === 'decrypt' && data.length < tagLength / 8) throw domException('The provided data is too small.', 'OperationError');
      return call('aes-gcm.' + op, secret(key), iv, aad, '' + tagLength / 8, data);
    }


    // Ed25519, X25519, ECDSA and ECDH: the record's bytes are the key's DER
    // (PKCS #8 or SPKI), its kind the curve ('Ed25519', 'X25519', 'P-256').
    const asymUsages = {
      Ed25519: [['sign'], ['verify']],
      ECDSA: [['sign'], ['verify']],
      X25519: [['deriveKey', 'deriveBits'], []],
      ECDH: [['deriveKey', 'deriveBits'], []],
      'RSASSA-PKCS1-v1_5': [['sign'], ['verify']],
      'RSA-PSS': [['sign'], ['verify']],
      'RSA-OAEP': [['decrypt', 'unwrapKey'], ['encrypt', 'wrapKey']],
    };
    const rsaAlg = (name, hash) => ({ 'RSASSA-PKCS1-v1_5': 'RS', 'RSA-PSS': 'PS' }[name]
      ? ({ 'RSASSA-PKCS1-v1_5': 'RS', 'RSA-PSS': 'PS' }[name] + hash.slice(4))
      : (hash === 'SHA-1' ? 'RSA-OAEP' : 'RSA-OAEP-' + hash.slice(4)));
    function rsaKey(name, hash, type, extractable, usages, f) {
      const [der, bits, exp] = f;
      const algorithm = { name, modulusLength: +latin(bits), publicExponent: exp, hash: { name: hash } };
      const k = newAsym(type, extractable, algorithm, usages, der, 'RSA');
      keyData.get(k).hash = hash;
      return k;
    }
    const curves = ['P-256', 'P-384', 'P-521'];
    function kindOf(name, a, dict) {
      if (name === 'Ed25519' || name === 'X25519') return [name, { name }];
      const c = member(a, 'namedCurve', dict);
      if (!curves.includes(c)) throw domException('Unrecognized namedCurve', 'NotSupportedError');
      return [c, { name, namedCurve: c }];
    }
    function fields(buf) { // the host's list of fields
      const b = new Uint8Array(buf);
      const dv = new DataView(b.buffer);
      const out = [];
      for (let o = 0; o < b.length;) {
        const n = dv.getUint32(o, true);
        out.push(b.slice(o + 4, o + 4 + n));
        o += 4 + n;
      }
      return out;
    }
    const latin = (b) => String.fromCharCode(...b);
    function newAsym(type, extractable, algorithm, usages, der, kind) {
      const k = newKey(type, extractable, algorithm, usages, der);
      keyData.get(k).kind = kind;
      return k;
    }
    function generateAsym(name, a, extractable, usages) {
      if (rsaNames.includes(name)) {
        const dict = 'RsaHashedKeyGenParams';
        const bits = Number(member(a, 'modulusLength', dict)) >>> 0;
        const exp = bytesOf(member(a, 'publicExponent', dict), undefined, 'publicExponent');
        const hash = hashOf(a, dict);
        const [privU, pubU] = asymUsages[name];
        for (const u of usages) {
          if (!privU.includes(u) && !pubU.includes(u)) throw domException('Unsupported key usage for a RSA key', 'SyntaxError');
        }
        const priv = usages.filter((u) => privU.includes(u));
        if (priv.length === 0) throw domException('Usages cannot be empty when creating a key.', 'SyntaxError');
        const f = fields(call('rsa.generate', '' + bits, exp));
        return {
          __proto__: null,
          publicKey: rsaKey(name, hash, 'public', true, usages.filter((u) => pubU.includes(u)), [f[1], f[2], f[3]]),
          privateKey: rsaKey(name, hash, 'private', extractable, priv, [f[0], f[2], f[3]]),
        };
      }
      const [kind, algorithm] = kindOf(name, a, name === 'ECDSA' || name === 'ECDH' ? 'EcKeyGenParams' : 'Algorithm');
      const [privU, pubU] = asymUsages[name];
      for (const u of usages) {
        if (!privU.includes(u) && !pubU.includes(u)) throw domException(`Unsupported key usage for an ${name} key`, 'SyntaxError');
      }
      const priv = usages.filter((u) => privU.includes(u));
      if (priv.length === 0) throw domException('Usages cannot be empty when creating a key.', 'SyntaxError');
      const [p8, spki] = fields(call('asym.generate', kind));
      const publicKey = newAsym('public', true, algorithm, usages.filter((u) => pubU.includes(u)), spki, kind);
      const privateKey = newAsym('private', extractable, { ...algorithm }, priv, p8, kind);
      // node's order: the private key first for the curves of RFC 8037
      return kind === 'Ed25519' || kind === 'X25519'
        ? { __proto__: null, privateKey, publicKey } : { __proto__: null, publicKey, privateKey };
    }
    function importAsym(name, format, data, a, extractable, usages) {
      if (rsaNames.includes(name)) {
        const hash = hashOf(a, 'RsaHashedImportParams');
        let bytes;
        if (format === 'jwk') {
          if (!data || typeof data !== 'object') throw domException('Invalid keyData', 'DataError');
          if (data.ext === false && extractable) throw domException('JWK "ext" Parameter and extractable mismatch', 'DataError');
          if (data.alg !== undefined && data.alg !== rsaAlg(name, hash)) throw domException('JWK "alg" does not match the requested algorithm', 'DataError');
          const { kty, n, e, d, p, q, dp, dq, qi } = data;
          bytes = JSON.stringify({ kty, n, e, d, p, q, dp, dq, qi });
        } else if (format === 'raw') {
          throw domException('Unable to import RSA key with format raw', 'NotSupportedError');
        } else {
          bytes = bytesOf(data, 'importKey', '2nd');
        }
        const [type, ...rest] = fields(call('rsa.import', format, bytes));
        const t = latin(type);
        for (const u of usages) {
          if (!asymUsages[name][t === 'private' ? 0 : 1].includes(u)) throw domException(`Unsupported key usage for an ${name} key`, 'SyntaxError');
        }
        if (t === 'private' && usages.length === 0) throw domException('Usages cannot be empty when creating a key.', 'SyntaxError');
        return rsaKey(name, hash, t, extractable, usages, rest);
      }
      const [kind, algorithm] = kindOf(name, a, name === 'ECDSA' || name === 'ECDH' ? 'EcKeyImportParams' : 'Algorithm');
      let bytes;
      if (format === 'jwk') {
        if (!data || typeof data !== 'object') throw domException('Invalid keyData', 'DataError');
        if (data.ext === false && extractable) throw domException('JWK "ext" Parameter and extractable mismatch', 'DataError');
        bytes = JSON.stringify({ kty: data.kty, crv: data.crv, x: data.x, y: data.y, d: data.d });
      } else {
        bytes = bytesOf(data, 'importKey', '2nd');
      }
      const checkFor = (allowed) => {
        for (const u of usages) {
          if (!allowed.includes(u)) throw domException(`Unsupported key usage for a ${name} key`, 'SyntaxError');
        }
      };
      if (format === 'raw') checkFor(asymUsages[name][1]);
      const [type, der] = fields(call('asym.import', kind, format, bytes));
      const t = latin(type);
      checkFor(asymUsages[name][t === 'private' ? 0 : 1]);
      if (t === 'private' && usages.length === 0) throw domException('Usages cannot be empty when creating a key.', 'SyntaxError');
      return newAsym(t, extractable, algorithm, usages, der, kind);
    }
    function exportAsym(r, format) {
      if (format === 'spki' || format === 'pkcs8') {
        if ((format === 'spki') !== (r.type === 'public')) {
          throw domException(`Unable to export a ${format} ${r.name} ${r.type} key`, 'InvalidAccessError');
        }
        return new Uint8Array(r.bytes).buffer;
      }
      if (format === 'raw') {
        if (r.type !== 'public') throw domException(`Unable to export a raw ${r.name} ${r.type} key`, 'InvalidAccessError');
        return call('asym.export', r.kind, 'raw', r.type, r.bytes);
      }
      if (format !== 'jwk') throw domException(`Unable to export ${r.name} key with format ${format}`, 'NotSupportedError');
      if (r.kind === 'RSA') {
        const m = JSON.parse(latin(new Uint8Array(call('rsa.jwk', r.type, r.bytes))));
        return { key_ops: [...r.usages], ext: true, kty: 'RSA', ...m, alg: rsaAlg(r.name, r.hash) };
      }
      const m = JSON.parse(latin(new Uint8Array(call('asym.export', r.kind, 'jwk', r.type, r.bytes))));
      const jwk = { key_ops: [...r.usages], ext: true };
      if (r.kind === 'Ed25519' || r.kind === 'X25519') {
        jwk.crv = m.crv;
        if (m.d !== undefined) jwk.d = m.d;
        jwk.x = m.x;
        jwk.kty = 'OKP';
        if (r.kind === 'Ed25519') jwk.alg = 'Ed25519';
      } else {
        Object.assign(jwk, { kty: 'EC', x: m.x, y: m.y, crv: m.crv });
        if (m.d !== undefined) jwk.d = m.d;
      }
      return jwk;
    }
    function ecdsaHash(name, alg) {
      if (name !== 'ECDSA') return '';
      const h = algName(member(dictOf(alg), 'hash', 'EcdsaParams'));
      if (!hashes[h]) throw notSupported();
      return h;
    }
    function deriveAsym(name, a, key, length, usage) {
      const pub = member(a, 'public', 'EcdhKeyDeriveParams');
      const r = record(key);
      const p = record(pub);
      if (!r.usages.includes(usage)) throw domException(`baseKey does not have ${usage} usage`, 'InvalidAccessError');
      if (r.name !== name) throw domException('The requested operation is not valid for the provided key', 'InvalidAccessError');
      if (p.type !== 'public') throw domException('algorithm.public must be a public key', 'InvalidAccessError');
      if (p.name !== r.name || p.kind !== r.kind) throw domException('The public and private keys must be of the same type', 'InvalidAccessError');
      const secretBits = new Uint8Array(call('asym.derive', r.kind, r.bytes, p.bytes));
      if (length === null || length === undefined) return secretBits.buffer;
      length = Number(length) >>> 0;
      if (length > secretBits.length * 8) throw domException('derived bit length is too small', 'OperationError');
      const out = secretBits.slice(0, Math.ceil(length / 8));
      if (length % 8) out[out.length - 1] &= (0xff << (8 - (length % 8))) & 0xff;
      return out.buffer;
    }

    const isAES = (name) => name === 'AES-GCM' || name === 'AES-CBC' || name === 'AES-CTR' || name === 'AES-KW';
    function keyFormat(op, format) {
      format = String(format);
      if (!['raw', 'pkcs8', 'spki', 'jwk'].includes(format)) {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', webidl(op, `1st argument value '${format}' is not a valid enum value of type KeyFormat.`));
      }
      return format;
    }
    function keyArg(op, k, pos) {
      if (!keyData.has(k)) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', webidl(op, `${pos} argument is not of type CryptoKey.`));
    }
    const aesUsages = (name) => (name === 'AES-KW' ? ['wrapKey', 'unwrapKey'] : ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
    // wrapOp encrypts (wrap) or decrypts a wrapped key's bytes with the
    // wrapping key, which must be of the algorithm and have the usage.
    function wrapOp(wrap, alg, key, data) {
      const name = algName(alg, 'wrapKey');
      const r = record(key);
      const usage = wrap ? 'wrapKey' : 'unwrapKey';
      if (r.name !== name || !r.usages.includes(usage)) {
        throw domException('The requested operation is not valid for the provided key', 'InvalidAccessError');
      }
      if (name === 'AES-KW') return call(wrap ? 'aes-kw.wrap' : 'aes-kw.unwrap', r.bytes, data);
      return aesOp(name, wrap ? 'encrypt' : 'decrypt', alg, key, data);
    }
    function rsaCall(op, name, alg, key, data, sig) {
      const a = dictOf(alg);
      let extra = '';
      if (name === 'RSA-PSS') extra = '' + (Number(member(a, 'saltLength', 'RsaPssParams')) >>> 0);
      if (name === 'RSA-OAEP') extra = a.label === undefined ? new Uint8Array(0) : bytesOf(a.label, undefined, 'label');
      const r = record(key);
      return call('rsa', op, name, r.hash, r.bytes, data, sig, extra);
    }
    function aesOp(name, op, alg, key, data) {
      if (name === 'RSA-OAEP') return rsaCall(op, name, alg, key, data, new Uint8Array(0));
      if (name === 'AES-GCM') return aesGcm(op, alg, key, data);
      const a = dictOf(alg);
      if (name === 'AES-CBC') {
        const iv = bytesOf(member(a, 'iv', 'AesCbcParams'), undefined, 'iv');
        if (iv.length !== 16) throw domException('algorithm.iv must contain exactly 16 bytes', 'OperationError');
        return call('aes-cbc.' + op, secret(key), iv, data);
      }
      const counter = bytesOf(member(a, 'counter', 'AesCtrParams'), undefined, 'counter');
      const length = Number(member(a, 'length', 'AesCtrParams')) & 0xff;
      if (counter.length !== 16) throw domException('algorithm.counter must contain exactly 16 bytes', 'OperationError');
      if (length === 0 || length > 128) throw domException('AES-CTR algorithm.length must be between 1 and 128', 'OperationError');
      return call('aes-ctr', secret(key), counter, '' + length, data);
    }
    const usagesOf = (u) => {
      if (u == null || typeof u[Symbol.iterator] !== 'function') {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Failed to convert value to sequence');
      }
      return [...u].map(String);
    };

    class SubtleCrypto {
      constructor(key) { if (key !== internalKey) throw illegalConstructor(); }
      async digest(algorithm, data) {
        need('digest', 2, arguments);
        const name = algName(algorithm);
        if (!hashes[name]) throw notSupported();
        return call('digest', name, bytesOf(data, 'digest', '2nd'));
      }
      async importKey(format, keyData_, algorithm, extractable, keyUsages) {
        need('importKey', 5, arguments);
        format = String(format);
        if (!['raw', 'pkcs8', 'spki', 'jwk'].includes(format)) {
          throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', webidl('importKey', `1st argument value '${format}' is not a valid enum value of type KeyFormat.`));
        }
        return importSecret(format, keyData_, algorithm, !!extractable, usagesOf(keyUsages));
      }
      async exportKey(format, key) {
        need('exportKey', 2, arguments);
        const r = record(key);
        const bytes = r.bytes;
        if (!r.extractable) throw domException('key is not extractable', 'InvalidAccessException');
        if (r.kind) return exportAsym(r, String(format));
        if (format === 'raw') return new Uint8Array(bytes).buffer;
        if (format === 'jwk') {
          const jwk = { key_ops: [...r.usages], ext: true, kty: 'oct', k: b64url(bytes) };
          if (r.name === 'HMAC') jwk.alg = hmacAlg[r.hash];
          else if (isAES(r.name)) jwk.alg = `A${r.length}${r.name.slice(4)}`;
          return jwk;
        }
        throw domException(`Unable to export a raw ${r.name} key`, 'NotSupportedError');
      }
      async generateKey(algorithm, extractable, keyUsages) {
        need('generateKey', 3, arguments);
        return generateSecret(algorithm, !!extractable, usagesOf(keyUsages));
      }
      async sign(algorithm, key, data) {
        need('sign', 3, arguments);
        const name = algName(algorithm, 'sign');
        data = bytesOf(data, 'sign', '3rd');
        useKey(key, name, 'sign', 'sign');
        if (rsaNames.includes(name)) return rsaCall('sign', name, algorithm, key, data, new Uint8Array(0));
        if (name !== 'HMAC') return call('asym.sign', record(key).kind, ecdsaHash(name, algorithm), secret(key), data);
        return call('hmac', record(key).hash, secret(key), data);
      }
      async verify(algorithm, key, signature, data) {
        need('verify', 4, arguments);
        const name = algName(algorithm, 'sign');
        signature = bytesOf(signature, 'verify', '3rd');
        data = bytesOf(data, 'verify', '4th');
        useKey(key, name, 'verify', 'verify');
        if (rsaNames.includes(name)) return new Uint8Array(rsaCall('verify', name, algorithm, key, data, signature))[0] === 1;
        if (name !== 'HMAC') {
          return new Uint8Array(call('asym.verify', record(key).kind, ecdsaHash(name, algorithm), secret(key), data, signature))[0] === 1;
        }
        return new Uint8Array(call('hmac.verify', record(key).hash, secret(key), data, signature))[0] === 1;
      }
      async encrypt(algorithm, key, data) {
        need('encrypt', 3, arguments);
        const name = algName(algorithm, 'encrypt');
        data = bytesOf(data, 'encrypt', '3rd');
        useKey(key, name, 'encrypt', 'encrypt');
        return aesOp(name, 'encrypt', algorithm, key, data);
      }
      async decrypt(algorithm, key, data) {
        need('decrypt', 3, arguments);
        const name = algName(algorithm, 'encrypt');
        data = bytesOf(data, 'decrypt', '3rd');
        useKey(key, name, 'decrypt', 'decrypt');
        return aesOp(name, 'decrypt', algorithm, key, data);
      }
      async deriveBits(algorithm, baseKey, length) {
        need('deriveBits', 2, arguments);
        return derive(algorithm, baseKey, length, 'deriveBits');
      }
      async deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
        need('deriveKey', 5, arguments);
        const t = dictOf(derivedKeyType);
        const tname = algName(t, 'importKey');
        let length;
        if (tname === 'HMAC') length = t.length === undefined ? hashes[hashOf(t, 'HmacImportParams')][1] : t.length;
        else if (isAES(tname)) length = member(t, 'length', 'AesDerivedKeyParams');
        else if (tname === 'HKDF' || tname === 'PBKDF2') length = null;
        else throw notSupported();
        const bits = derive(algorithm, baseKey, length, 'deriveKey');
        return importSecret('raw', bits, derivedKeyType, !!extractable, usagesOf(keyUsages));
      }
      async wrapKey(format, key, wrappingKey, wrapAlgorithm) {
        need('wrapKey', 4, arguments);
        format = keyFormat('wrapKey', format);
        keyArg('wrapKey', key, '2nd');
        keyArg('wrapKey', wrappingKey, '3rd');
        algName(wrapAlgorithm, 'wrapKey');
        let data = await this.exportKey(format, key);
        if (format === 'jwk') {
          let json = JSON.stringify(data);
          // node pads a JWK to AES-KW's 8-byte blocks with spaces
          if (algName(wrapAlgorithm, 'wrapKey') === 'AES-KW' && json.length % 8 !== 0) json += ' '.repeat(8 - (json.length % 8));
          data = enc.encode(json);
        } else {
          data = new Uint8Array(data);
        }
        return wrapOp(true, wrapAlgorithm, wrappingKey, data);
      }
      async unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
        need('unwrapKey', 7, arguments);
        format = keyFormat('unwrapKey', format);
        wrappedKey = bytesOf(wrappedKey, 'unwrapKey', '2nd');
        keyArg('unwrapKey', unwrappingKey, '3rd');
        let data = wrapOp(false, unwrapAlgorithm, unwrappingKey, wrappedKey);
        if (format === 'jwk') {
          try {
            data = JSON.parse(new (encodingMod().TextDecoder)('utf-8', { fatal: true }).decode(data));
          } catch {
            throw domException('Invalid wrapped JWK key', 'DataError');
          }
        }
        return this.importKey(format, data, unwrappedKeyAlgorithm, extractable, keyUsages);
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'SubtleCrypto', configurable: true });
      }
    }

    subtleHooks.clone = (v) => {
      const r = keyData.get(v);
      if (r === undefined) return undefined;
      const alg = { ...v.algorithm };
      if (alg.hash) alg.hash = { ...alg.hash };
      if (alg.publicExponent) alg.publicExponent = new Uint8Array(alg.publicExponent);
      const k = new CryptoKey(internalKey, r.type, r.extractable, alg, [...r.usages]);
      keyData.set(k, { ...r });
      return k;
    };
    return { SubtleCrypto, CryptoKey, instance: new SubtleCrypto(internalKey) };
  }
