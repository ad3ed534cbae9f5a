// crypto.subtle AES-CBC and AES-CTR (NIST SP 800-38A F.2.1 and F.5.1),
// compared with node.
(async () => {
  const s = crypto.subtle;
  const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
  const unhex = (h) => Uint8Array.from(h.match(/../g) || [], (x) => parseInt(x, 16));
  const show = async (label, f) => {
    try {
      const v = await f();
      console.log(label, v instanceof ArrayBuffer ? hex(v) : JSON.stringify(v));
    } catch (e) {
      console.log(label, 'threw', e.name, e.code, e.message);
    }
  };
  const key = unhex('2b7e151628aed2a6abf7158809cf4f3c');
  const pt = unhex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710');
  const k = await s.importKey('raw', key, 'AES-CBC', true, ['encrypt', 'decrypt']);
  const c = await s.importKey('raw', key, { name: 'aes-ctr' }, true, ['encrypt', 'decrypt']);
  console.log(JSON.stringify([k.algorithm, await s.exportKey('jwk', k), await s.exportKey('jwk', c)]));
  const cbc = { name: 'AES-CBC', iv: unhex('000102030405060708090a0b0c0d0e0f') };
  const ct = await s.encrypt(cbc, k, pt);
  console.log('cbc', hex(ct), hex(await s.decrypt(cbc, k, ct)));
  for (let n = 0; n <= 17; n++) {
    const e = await s.encrypt(cbc, k, pt.slice(0, n));
    console.log('cbc', n, hex(e), hex(await s.decrypt(cbc, k, e)) === hex(pt.slice(0, n)));
  }
  const ctr = { name: 'AES-CTR', counter: unhex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'), length: 64 };
  const cct = await s.encrypt(ctr, c, pt);
  console.log('ctr', hex(cct), hex(await s.decrypt(ctr, c, cct)));
  await show('ctr partial', () => s.encrypt(ctr, c, pt.slice(0, 21)));
  for (const length of [1, 2, 8, 64, 65, 127, 128]) {
    await show('ctr wrap ' + length, () => s.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16).fill(255), length }, c, new Uint8Array(40)));
    await show('ctr zero ' + length, () => s.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length }, c, new Uint8Array(40)));
  }
  const bad = new Uint8Array(ct);
  bad[bad.length - 1] ^= 1;
  await show('cbc bad padding', () => s.decrypt(cbc, k, bad));
  await show('cbc iv 15', () => s.encrypt({ name: 'AES-CBC', iv: new Uint8Array(15) }, k, new Uint8Array(3)));
  await show('cbc zeros', () => s.decrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, k, new Uint8Array(16)));
  await show('cbc short', () => s.decrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, k, new Uint8Array(15)));
  await show('cbc empty', () => s.decrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, k, new Uint8Array(0)));
  await show('cbc no iv', () => s.encrypt({ name: 'AES-CBC' }, k, new Uint8Array(15)));
  await show('ctr counter 15', () => s.encrypt({ name: 'AES-CTR', counter: new Uint8Array(15), length: 64 }, c, new Uint8Array(3)));
  await show('ctr length 0', () => s.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length: 0 }, c, new Uint8Array(3)));
  await show('ctr length 129', () => s.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length: 129 }, c, new Uint8Array(3)));
  await show('ctr no length', () => s.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16) }, c, new Uint8Array(3)));
  await show('cbc with ctr key', () => s.encrypt(cbc, c, new Uint8Array(3)));
  await show('sign usage', () => s.importKey('raw', new Uint8Array(16), 'AES-CBC', true, ['sign']));
  await show('gen 100', () => s.generateKey({ name: 'AES-CTR', length: 100 }, true, ['encrypt']));
  await show('gen no length', () => s.generateKey({ name: 'AES-CTR' }, true, ['encrypt']));
  const g = await s.generateKey({ name: 'AES-CBC', length: 256 }, true, ['encrypt']);
  console.log('gen', JSON.stringify(g.algorithm), (await s.exportKey('jwk', g)).alg);
  await show('jwk alg', () => s.importKey('jwk', { kty: 'oct', k: 'BwcHBwcHBwcHBwcHBwcHBw', alg: 'A128GCM' }, 'AES-CBC', true, ['encrypt']));
})();
