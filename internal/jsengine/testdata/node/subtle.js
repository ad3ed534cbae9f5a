// crypto.subtle: digests, HMAC (RFC 4231), PBKDF2, HKDF (RFC 5869),
// AES-GCM (NIST), keys and errors, compared with node.
(async () => {
  const s = crypto.subtle;
  const te = new TextEncoder();
  const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
  const unhex = (h) => Uint8Array.from(h.match(/../g) || [], (x) => parseInt(x, 16));
  const rep = (n, v) => new Uint8Array(n).fill(v);
  const show = async (label, f) => {
    try {
      const v = await f();
      console.log(label, v instanceof ArrayBuffer ? hex(v) : JSON.stringify(v));
    } catch (e) {
      console.log(label, 'threw', e.name, e.code, e.message, e instanceof DOMException);
    }
  };
  for (const h of ['SHA-1', 'SHA-256', 'sha-384', 'Sha-512']) {
    await show('digest ' + h, () => s.digest(h, te.encode('abc')));
    await show('digest empty ' + h, () => s.digest({ name: h }, new ArrayBuffer(0)));
  }
  await show('digest view', () => s.digest('SHA-256', new DataView(te.encode('xabcx').buffer, 1, 3)));
  await show('digest MD5', () => s.digest('MD5', te.encode('abc')));
  await show('digest string', () => s.digest('SHA-256', 'abc'));
  await show('digest 1 arg', () => s.digest('SHA-256'));
  await show('digest no name', () => s.digest({}, te.encode('abc')));

  // RFC 4231 test cases 1, 2, 3, 4, 6, 7.
  const rfc4231 = [
    [rep(20, 0x0b), te.encode('Hi There')],
    [te.encode('Jefe'), te.encode('what do ya want for nothing?')],
    [rep(20, 0xaa), rep(50, 0xdd)],
    [unhex('0102030405060708090a0b0c0d0e0f10111213141516171819'), rep(50, 0xcd)],
    [rep(131, 0xaa), te.encode('Test Using Larger Than Block-Size Key - Hash Key First')],
    [rep(131, 0xaa), te.encode('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.')],
  ];
  for (const [i, [key, data]] of rfc4231.entries()) {
    for (const hash of ['SHA-256', 'SHA-384', 'SHA-512']) {
      const k = await s.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign', 'verify']);
      const sig = await s.sign('HMAC', k, data);
      console.log('rfc4231', i, hash, hex(sig), await s.verify('HMAC', k, sig, data), await s.verify({ name: 'hmac' }, k, new Uint8Array(sig.byteLength), data));
    }
  }
  const k = await s.importKey('raw', te.encode('key'), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify', 'sign', 'sign']);
  console.log(k.type, k.extractable, JSON.stringify(k.algorithm), JSON.stringify(k.usages), String(k), Object.keys(k).length, k instanceof CryptoKey);
  await show('export non-extractable', () => s.exportKey('raw', k));
  await show('sign with other alg', () => s.sign('AES-GCM', k, te.encode('x')));
  await show('zero key', () => s.importKey('raw', new Uint8Array(0), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
  await show('bad usage', () => s.importKey('raw', te.encode('k'), { name: 'HMAC', hash: 'SHA-256' }, false, ['encrypt']));
  await show('no hash', () => s.importKey('raw', te.encode('k'), { name: 'HMAC' }, false, ['sign']));
  await show('MD5 hash', () => s.importKey('raw', te.encode('k'), { name: 'HMAC', hash: 'MD5' }, false, ['sign']));
  await show('pbkdf2 extractable', () => s.importKey('raw', te.encode('k'), { name: 'PBKDF2' }, true, ['deriveBits']));
  await show('jwk kty', () => s.importKey('jwk', { kty: 'RSA', k: 'AA' }, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']));
  await show('jwk alg', () => s.importKey('jwk', { kty: 'oct', k: 'AAAA', alg: 'HS384' }, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']));
  await show('jwk no k', () => s.importKey('jwk', { kty: 'oct', alg: 'HS256' }, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']));
  const jk = await s.importKey('jwk', { kty: 'oct', k: 'c2VjcmV0LWtleS0xMjM_', alg: 'HS256' }, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
  console.log('jwk', JSON.stringify(jk.algorithm), hex(await s.exportKey('raw', jk)), JSON.stringify(await s.exportKey('jwk', jk)));
  await show('jwk sign', () => s.sign('HMAC', jk, te.encode('payload')));
  const g = await s.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign']);
  const gj = await s.exportKey('jwk', g);
  console.log('generated', JSON.stringify(g.algorithm), gj.alg, Object.keys(gj).join(), (await s.exportKey('raw', g)).byteLength);
  await show('generate no usages', () => s.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, []));

  // PBKDF2 (RFC 6070 inputs with SHA-1, and SHA-256).
  const p = await s.importKey('raw', te.encode('password'), 'PBKDF2', false, ['deriveBits', 'deriveKey']);
  console.log('pbkdf2 key', JSON.stringify(p.algorithm), JSON.stringify(p.usages));
  for (const [hash, iterations, bits] of [['SHA-1', 1, 160], ['SHA-1', 2, 160], ['SHA-1', 4096, 160], ['SHA-256', 1000, 512], ['SHA-512', 3, 8]]) {
    await show(`pbkdf2 ${hash} ${iterations}`, () => s.deriveBits({ name: 'PBKDF2', hash, salt: te.encode('salt'), iterations }, p, bits));
  }
  await show('pbkdf2 zero iterations', () => s.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: te.encode('s'), iterations: 0 }, p, 256));
  await show('pbkdf2 odd length', () => s.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: te.encode('s'), iterations: 2 }, p, 255));
  await show('pbkdf2 null length', () => s.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: te.encode('s'), iterations: 2 }, p, null));
  await show('pbkdf2 zero length', () => s.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: te.encode('s'), iterations: 2 }, p, 0));
  await show('pbkdf2 no salt', () => s.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', iterations: 2 }, p, 8));
  await show('sign with pbkdf2 key', () => s.sign('HMAC', p, te.encode('x')));

  // RFC 5869 test cases 1-3 (SHA-256).
  const rfc5869 = [
    [rep(22, 0x0b), unhex('000102030405060708090a0b0c'), unhex('f0f1f2f3f4f5f6f7f8f9'), 42],
    [unhex(Array.from({ length: 80 }, (_, i) => i.toString(16).padStart(2, '0')).join('')),
      unhex(Array.from({ length: 80 }, (_, i) => (0x60 + i).toString(16).padStart(2, '0')).join('')),
      unhex(Array.from({ length: 80 }, (_, i) => (0xb0 + i).toString(16).padStart(2, '0')).join('')), 82],
    [rep(22, 0x0b), new Uint8Array(0), new Uint8Array(0), 42],
  ];
  for (const [i, [ikm, salt, info, L]] of rfc5869.entries()) {
    const hk = await s.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
    await show('rfc5869 ' + (i + 1), () => s.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, hk, L * 8));
  }
  const h = await s.importKey('raw', te.encode('pw'), 'HKDF', false, ['deriveBits']);
  await show('hkdf too long', () => s.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: te.encode('s'), info: new Uint8Array(0) }, h, 256 * 255 + 8));
  await show('hkdf zero', () => s.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: te.encode('s'), info: new Uint8Array(0) }, h, 0));
  await show('hkdf odd', () => s.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: te.encode('s'), info: new Uint8Array(0) }, h, 12));
  await show('hkdf no deriveKey', () => s.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: te.encode('s'), info: new Uint8Array(0) }, h, { name: 'HMAC', hash: 'SHA-1' }, true, ['sign']));

  // deriveKey: PBKDF2 to HMAC and to AES-GCM.
  const dk = await s.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: te.encode('salt'), iterations: 10 }, p, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
  console.log('derived hmac', JSON.stringify(dk.algorithm), hex(await s.exportKey('raw', dk)));
  const ak = await s.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: te.encode('salt'), iterations: 10 }, p, { name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  console.log('derived aes', JSON.stringify(ak.algorithm), JSON.stringify(ak.usages), JSON.stringify(await s.exportKey('jwk', ak)));

  // AES-GCM: NIST (McGrew-Viega) test cases 2, 4 and 16.
  const gcm = [
    ['00000000000000000000000000000000', '000000000000000000000000', '', '00000000000000000000000000000000'],
    ['feffe9928665731c6d6a8f9467308308', 'cafebabefacedbaddecaf888', 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39'],
    ['feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308', 'cafebabefacedbaddecaf888', 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39'],
  ];
  for (const [i, [key, iv, aad, pt]] of gcm.entries()) {
    const gk = await s.importKey('raw', unhex(key), 'AES-GCM', true, ['encrypt', 'decrypt']);
    const alg = { name: 'AES-GCM', iv: unhex(iv), additionalData: unhex(aad) };
    const ct = await s.encrypt(alg, gk, unhex(pt));
    console.log('gcm', i, JSON.stringify(gk.algorithm), hex(ct), hex(await s.decrypt(alg, gk, ct)));
    const bad = new Uint8Array(ct);
    bad[0] ^= 1;
    await show('gcm tampered', () => s.decrypt(alg, gk, bad));
    await show('gcm tag 96', () => s.encrypt({ ...alg, tagLength: 96 }, gk, unhex(pt)));
  }
  const gk = await s.importKey('raw', rep(16, 1), 'AES-GCM', false, ['encrypt']);
  await show('gcm bad tag', () => s.encrypt({ name: 'AES-GCM', iv: rep(12, 0), tagLength: 100 }, gk, rep(3, 0)));
  await show('gcm no usage', () => s.decrypt({ name: 'AES-GCM', iv: rep(12, 0) }, gk, rep(16, 0)));
  await show('gcm key length', () => s.importKey('raw', rep(20, 1), 'AES-GCM', false, ['encrypt']));
  await show('gcm no iv', () => s.encrypt({ name: 'AES-GCM' }, gk, rep(3, 0)));
  const ag = await s.generateKey({ name: 'AES-GCM', length: 192 }, true, ['decrypt', 'encrypt']);
  console.log('aes generated', JSON.stringify(ag.algorithm), JSON.stringify(ag.usages), (await s.exportKey('raw', ag)).byteLength);
  console.log(Object.prototype.toString.call(s), s === crypto.subtle, s instanceof SubtleCrypto);
})();
