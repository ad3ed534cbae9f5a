// crypto.subtle wrapKey/unwrapKey and AES-KW: RFC 3394 vectors through the
// API, each wrapping algorithm with raw, jwk, pkcs8 and spki, deriveKey to
// every target, and node's errors.
const s = crypto.subtle;
const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (h) => new Uint8Array(h.match(/../g).map((x) => parseInt(x, 16)));
const err = (e) => `${e.name} ${e.code} ${e.message}`;
const tryIt = async (label, f) => {
  try { console.log(label, await f()); } catch (e) { console.log(label, err(e)); }
};
(async () => {
  // RFC 3394 4.1, 4.3, 4.6
  for (const [kek, data, want] of [
    ['000102030405060708090A0B0C0D0E0F', '00112233445566778899AABBCCDDEEFF', '1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5'],
    ['000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F', '00112233445566778899AABBCCDDEEFF', '64e8c3f9ce0f5ba263e9777905818a2a93c8191e7d6e8ae7'],
    ['000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F', '00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F', '28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21'],
  ]) {
    const w = await s.importKey('raw', unhex(kek), 'AES-KW', true, ['wrapKey', 'unwrapKey']);
    const k = await s.importKey('raw', unhex(data), { name: 'AES-GCM' }, true, ['encrypt']);
    const wrapped = await s.wrapKey('raw', k, w, 'AES-KW');
    console.log('rfc3394', hex(wrapped) === want, hex(wrapped));
    const back = await s.unwrapKey('raw', wrapped, w, { name: 'AES-KW' }, 'AES-GCM', true, ['encrypt']);
    console.log('unwrapped', hex(await s.exportKey('raw', back)), back.algorithm, back.usages, back.extractable);
  }
  const kw = await s.importKey('raw', unhex('000102030405060708090A0B0C0D0E0F'), 'AES-KW', true, ['wrapKey', 'unwrapKey']);
  console.log(kw.algorithm, kw.usages, await s.exportKey('jwk', kw));
  const g = await s.generateKey({ name: 'AES-KW', length: 192 }, true, ['wrapKey']);
  console.log(g.algorithm, g.usages, (await s.exportKey('raw', g)).byteLength, (await s.exportKey('jwk', g)).alg);
  await tryIt('kw encrypt', () => s.encrypt({ name: 'AES-KW' }, kw, new Uint8Array(16)));
  await tryIt('kw usages', () => s.importKey('raw', new Uint8Array(16), 'AES-KW', true, ['encrypt']));
  await tryIt('kw length', () => s.importKey('raw', new Uint8Array(20), 'AES-KW', true, ['wrapKey']));
  await tryIt('kw jwk alg', () => s.importKey('jwk', { kty: 'oct', k: 'AAAAAAAAAAAAAAAAAAAAAA', alg: 'A256KW' }, 'AES-KW', true, ['wrapKey']));
  console.log('kw jwk', (await s.importKey('jwk', { kty: 'oct', k: 'AAAAAAAAAAAAAAAAAAAAAA', alg: 'A128KW' }, 'AES-KW', true, ['wrapKey'])).algorithm);
  // jwk through AES-KW (padded with spaces to 8-byte blocks)
  const hm = await s.importKey('raw', unhex('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
  const wj = await s.wrapKey('jwk', hm, kw, 'AES-KW');
  console.log('jwk wrapped', wj.byteLength, hex(wj));
  const raw = await s.unwrapKey('raw', wj, kw, 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']).catch(err);
  console.log('jwk as raw', typeof raw === 'string' ? raw : raw.algorithm);
  const hm2 = await s.unwrapKey('jwk', wj, kw, 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  console.log('jwk back', hm2.algorithm, hm2.usages, hm2.extractable, hex(await s.sign('HMAC', hm2, new TextEncoder().encode('Hi There'))));
  // AES-GCM, AES-CBC, AES-CTR wrapping raw and jwk (fixed ivs: deterministic)
  const aesKey = unhex('2b7e151628aed2a6abf7158809cf4f3c');
  const params = {
    'AES-GCM': { name: 'AES-GCM', iv: new Uint8Array(12).fill(1), additionalData: new Uint8Array([1, 2]) },
    'AES-CBC': { name: 'AES-CBC', iv: new Uint8Array(16).fill(2) },
    'AES-CTR': { name: 'AES-CTR', counter: new Uint8Array(16).fill(3), length: 64 },
  };
  for (const name of Object.keys(params)) {
    const wk = await s.importKey('raw', aesKey, name, false, ['wrapKey', 'unwrapKey']);
    const w1 = await s.wrapKey('raw', hm, wk, params[name]);
    const w2 = await s.wrapKey('jwk', hm, wk, params[name]);
    console.log(name, hex(w1), w2.byteLength);
    const b1 = await s.unwrapKey('raw', w1, wk, params[name], { name: 'HMAC', hash: 'SHA-256' }, true, ['verify']);
    const b2 = await s.unwrapKey('jwk', w2, wk, params[name], { name: 'HMAC', hash: 'SHA-256' }, true, ['verify']);
    console.log(name, hex(await s.exportKey('raw', b1)), hex(await s.exportKey('raw', b2)), b2.usages);
    await tryIt(name + ' encrypt-only key', async () => s.wrapKey('raw', hm, await s.importKey('raw', aesKey, name, false, ['encrypt']), params[name]));
    await tryIt(name + ' bad jwk', async () => s.unwrapKey('jwk', await s.encrypt(params[name], await s.importKey('raw', aesKey, name, false, ['encrypt']), new TextEncoder().encode('{"kty":')), wk, params[name], 'AES-GCM', true, ['encrypt']));
  }
  // RSA-OAEP wrapping an AES key; EC keys through AES-KW as pkcs8/spki/jwk
  const rsa = await s.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['wrapKey', 'unwrapKey']);
  const aes = await s.importKey('raw', aesKey, 'AES-CBC', true, ['encrypt', 'decrypt']);
  const rw = await s.wrapKey('raw', aes, rsa.publicKey, { name: 'RSA-OAEP', label: new Uint8Array([9]) });
  console.log('rsa-oaep', rw.byteLength);
  const ru = await s.unwrapKey('raw', rw, rsa.privateKey, { name: 'RSA-OAEP', label: new Uint8Array([9]) }, 'AES-CBC', false, ['decrypt']);
  console.log('rsa-oaep back', ru.algorithm, ru.usages, ru.extractable);
  const rj = await s.unwrapKey('jwk', await s.wrapKey('jwk', aes, rsa.publicKey, 'RSA-OAEP'), rsa.privateKey, 'RSA-OAEP', 'AES-CBC', true, ['encrypt']);
  console.log('rsa-oaep jwk', hex(await s.exportKey('raw', rj)));
  await tryIt('rsa-oaep wrong label', () => s.unwrapKey('raw', rw, rsa.privateKey, { name: 'RSA-OAEP' }, 'AES-CBC', false, ['decrypt']));
  const ec = await s.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const kw256 = await s.generateKey({ name: 'AES-KW', length: 256 }, false, ['wrapKey', 'unwrapKey']);
  for (const [fmt, key, usages] of [['pkcs8', ec.privateKey, ['sign']], ['spki', ec.publicKey, ['verify']], ['jwk', ec.privateKey, ['sign']]]) {
    const w = await s.wrapKey(fmt, key, kw256, 'AES-KW').catch(err);
    if (typeof w === 'string') { console.log('ec', fmt, w); continue; }
    const u = await s.unwrapKey(fmt, w, kw256, 'AES-KW', { name: 'ECDSA', namedCurve: 'P-256' }, true, usages);
    console.log('ec', fmt, u.type, u.algorithm, JSON.stringify(await s.exportKey('jwk', u)) === JSON.stringify(await s.exportKey('jwk', key)));
  }
  const ed = await s.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const edw = await s.wrapKey('pkcs8', ed.privateKey, kw256, 'AES-KW');
  console.log('ed25519 pkcs8', edw.byteLength, (await s.unwrapKey('pkcs8', edw, kw256, 'AES-KW', 'Ed25519', false, ['sign'])).type);
  // errors
  const nx = await s.importKey('raw', aesKey, 'AES-GCM', false, ['encrypt']);
  await tryIt('not extractable', () => s.wrapKey('raw', nx, kw, 'AES-KW'));
  await tryIt('wrong algorithm', () => s.wrapKey('raw', aes, kw, params['AES-GCM']));
  await tryIt('unknown algorithm', () => s.wrapKey('raw', aes, kw, 'AES-XX'));
  await tryIt('hmac wrapper', () => s.wrapKey('raw', aes, hm, 'HMAC'));
  await tryIt('unwrap usage', async () => s.unwrapKey('raw', new Uint8Array(24), await s.importKey('raw', aesKey, 'AES-KW', false, ['wrapKey']), 'AES-KW', 'AES-GCM', true, ['encrypt']));
  await tryIt('integrity', () => s.unwrapKey('raw', new Uint8Array(24), kw, 'AES-KW', 'AES-GCM', true, ['encrypt']));
  await tryIt('short', () => s.unwrapKey('raw', new Uint8Array(16), kw, 'AES-KW', 'AES-GCM', true, ['encrypt']));
  await tryIt('unaligned', () => s.unwrapKey('raw', new Uint8Array(25), kw, 'AES-KW', 'AES-GCM', true, ['encrypt']));
  await tryIt('few args', () => s.wrapKey('raw', aes, kw));
  await tryIt('few args unwrap', () => s.unwrapKey('raw', new Uint8Array(24), kw, 'AES-KW', 'AES-GCM', true));
  await tryIt('not a buffer', () => s.unwrapKey('raw', 'abc', kw, 'AES-KW', 'AES-GCM', true, ['encrypt']));
  await tryIt('not a key', () => s.wrapKey('raw', {}, kw, 'AES-KW'));
  await tryIt('not a wrapping key', () => s.wrapKey('raw', aes, 'kw', 'AES-KW'));
  await tryIt('not an unwrapping key', () => s.unwrapKey('raw', new Uint8Array(24), null, 'AES-KW', 'AES-GCM', true, ['encrypt']));
  await tryIt('bad format', () => s.wrapKey('pem', aes, kw, 'AES-KW'));
  // deriveKey to every target
  const enc = new TextEncoder();
  const pb = await s.importKey('raw', enc.encode('pw'), 'PBKDF2', false, ['deriveKey', 'deriveBits']);
  const hk = await s.importKey('raw', enc.encode('ikm'), 'HKDF', false, ['deriveKey', 'deriveBits']);
  const x = await s.generateKey({ name: 'X25519' }, false, ['deriveKey']);
  const pbp = { name: 'PBKDF2', hash: 'SHA-256', salt: enc.encode('salt'), iterations: 1000 };
  const hkp = { name: 'HKDF', hash: 'SHA-256', salt: enc.encode('salt'), info: enc.encode('info') };
  const xp = { name: 'X25519', public: x.publicKey };
  for (const [bn, base, p] of [['pbkdf2', pb, pbp], ['hkdf', hk, hkp], ['x25519', x.privateKey, xp]]) {
    for (const t of [{ name: 'AES-KW', length: 256 }, { name: 'AES-GCM', length: 128 }, { name: 'AES-CTR', length: 192 }, { name: 'HMAC', hash: 'SHA-256' }, { name: 'HMAC', hash: 'SHA-1', length: 160 }, 'HKDF', 'PBKDF2', { name: 'AES-CBC' }, { name: 'Ed25519' }, { name: 'ECDSA', namedCurve: 'P-256' }]) {
      const us = t === 'HKDF' || t === 'PBKDF2' ? ['deriveBits'] : (t.name === 'AES-KW' ? ['wrapKey'] : t.name === 'HMAC' ? ['sign'] : ['encrypt']);
      try {
        const k = await s.deriveKey(p, base, t, false, us);
        console.log(bn, JSON.stringify(t), k.type, JSON.stringify(k.algorithm), k.extractable, k.usages);
      } catch (e) { console.log(bn, JSON.stringify(t), err(e)); }
    }
  }
  const dk = await s.deriveKey(pbp, pb, { name: 'AES-KW', length: 128 }, true, ['wrapKey']);
  console.log('derived kw', hex(await s.exportKey('raw', dk)));
})();
