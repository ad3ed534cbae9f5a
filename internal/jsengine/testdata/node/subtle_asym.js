// crypto.subtle, asymmetric: Ed25519 (RFC 8032), X25519 (RFC 7748), ECDSA
// and ECDH on P-256/P-384 with keys and signatures node made, compared with
// node.
(async () => {
  const s = crypto.subtle;
  const te = new TextEncoder();
  const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
  const unhex = (h) => Uint8Array.from(h.match(/../g) || [], (x) => parseInt(x, 16));
  const b64u = (b) => btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const show = async (label, f) => {
    try {
      const v = await f();
      console.log(label, v instanceof ArrayBuffer ? hex(v) : JSON.stringify(v));
    } catch (e) {
      console.log(label, 'threw', e.name, e.code, e.message);
    }
  };
  const vec = {"P-256":{"jwk":{"key_ops":["sign"],"ext":true,"kty":"EC","x":"wQlr0M3ZbCSyq85_g4PaQ6bnYH48qay82gm4YjVbl8c","y":"zhw5zmsqupF1cIujSUkS1VoALrs7zE5DWV7enFf31bM","crv":"P-256","d":"hRbOrf9C38Epez9Lf_W3ae6JgnQTQQ_Evhmw963cgLs"},"sig":"d5b60d37c305652c25a2017c50eea53edbccfb081b81ea6e8222aa430f1fea003ce913376f22e85a3547f3bece15b60ea525d2eceaeb36680d8ffac330f17b13","p8":"308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b02010104208516ceadff42dfc1297b3f4b7ff5b769ee89827413410fc4be19b0f7addc80bba14403420004c1096bd0cdd96c24b2abce7f8383da43a6e7607e3ca9acbcda09b862355b97c7ce1c39ce6b2aba9175708ba3494912d55a002ebb3bcc4e43595ede9c57f7d5b3"},"ecdhP-256":{"key_ops":["deriveBits"],"ext":true,"kty":"EC","x":"dzOwQFO8MIDwWpVz0vCIUMFwwCXLqUOauXVmOS0kPUI","y":"Z871_2C4nAu_fDS9mJgJYabHzMBLu4fDmNmmC3TvKCg","crv":"P-256","d":"lxsGEMxOpiU8XmrDZNWN6w2t3QQRWT-XYpK2ttejnyM"},"P-384":{"jwk":{"key_ops":["sign"],"ext":true,"kty":"EC","x":"4HttoNZ1ZG5vJ1IUaGjCYMQD5eUyY5Acj2n_vdKJe06DriTvyk0gkoafssjMF-PP","y":"NcQgfmLkC9741oF9Shbid8DCHi9Yfq5FP2b5PVcTzZ1NYxV34SFeENKa6ySu-mEp","crv":"P-384","d":"YTD5_gpYuUpIudvGzmfXhkFhprZlHcl4ZZ7JvfNoaHwtx_rdW-piAI69mlaZsJWp"},"sig":"2bdf89a323004329859e51801cf2cfcc1c659ff56ca2a53ee8d78ed9a798ddad3a4ddc2f4aec01d0586ce900e513e7e4dc7314ca71fd2c550c947d2bf4b095a802eccd89e223759187f22afdb462f93c2fc5a18bf73e854f8b03d656fa7c1d2f","p8":"3081b6020100301006072a8648ce3d020106052b8104002204819e30819b02010104306130f9fe0a58b94a48b9dbc6ce67d7864161a6b6651dc978659ec9bdf368687c2dc7fadd5bea62008ebd9a5699b095a9a16403620004e07b6da0d675646e6f2752146868c260c403e5e53263901c8f69ffbdd2897b4e83ae24efca4d2092869fb2c8cc17e3cf35c4207e62e40bdef8d6817d4a16e277c0c21e2f587eae453f66f93d5713cd9d4d631577e1215e10d29aeb24aefa6129"},"ecdhP-384":{"key_ops":["deriveBits"],"ext":true,"kty":"EC","x":"T0zKz0OoeiOl0YPiEJt3GIkA_VZoxNvVV8yTzr9TTx43-60-B_VVaJleTn6M9DdX","y":"bb2bqF6IaWwvei0G4SYIU9q3XWA3jAj11v45VWJyzv-Aq0f7LmjuDNw04a9K0RwI","crv":"P-384","d":"N1ipFkOo8BYEDYdLE5hNs96WMFZw5CDYo95wgmY-JgTdgnXTLZMpVctrjQmWv4IM"},"x25519":"302e020100300506032b656e0422042030f00bc3528d9c3efd7336e13a2529a4e37793fe9d7b7b980f0725bc72a2f349"};
  // RFC 8032 7.1, tests 1 and 2.
  const rfc8032 = [
    ['9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', ''],
    ['4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb', '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', '72'],
  ];
  for (const [d, x, msg] of rfc8032) {
    const priv = await s.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', d: b64u(unhex(d)), x: b64u(unhex(x)) }, 'Ed25519', true, ['sign']);
    const pub = await s.importKey('raw', unhex(x), { name: 'Ed25519' }, true, ['verify']);
    const sig = await s.sign('Ed25519', priv, unhex(msg));
    console.log('rfc8032', hex(sig), await s.verify('Ed25519', pub, sig, unhex(msg)), await s.verify('Ed25519', pub, sig, te.encode('other')));
    console.log(' pkcs8', hex(await s.exportKey('pkcs8', priv)), 'spki', hex(await s.exportKey('spki', pub)));
    console.log(' jwk', JSON.stringify(await s.exportKey('jwk', priv)), JSON.stringify(await s.exportKey('jwk', pub)));
    console.log(' key', priv.type, JSON.stringify(priv.algorithm), JSON.stringify(priv.usages), pub.type, JSON.stringify(pub.usages));
    const again = await s.importKey('pkcs8', await s.exportKey('pkcs8', priv), 'Ed25519', false, ['sign']);
    console.log(' reimported', hex(await s.sign('Ed25519', again, unhex(msg))) === hex(sig));
  }
  const e = await s.generateKey('Ed25519', true, ['sign', 'verify']);
  const esig = await s.sign('Ed25519', e.privateKey, te.encode('hello'));
  console.log('generated', JSON.stringify([e.privateKey.algorithm, e.privateKey.usages, e.publicKey.usages, e.publicKey.extractable, e.privateKey.type, esig.byteLength]),
    await s.verify('Ed25519', e.publicKey, esig, te.encode('hello')), Object.keys(await s.exportKey('jwk', e.privateKey)).join());
  await show('raw private', () => s.exportKey('raw', e.privateKey));
  await show('pkcs8 public', () => s.exportKey('pkcs8', e.publicKey));
  await show('gen usage', () => s.generateKey('Ed25519', true, ['encrypt']));
  await show('gen no curve', () => s.generateKey({ name: 'ECDSA' }, true, ['sign']));
  await show('raw 31', () => s.importKey('raw', new Uint8Array(31), 'Ed25519', true, ['verify']));
  await show('raw sign usage', () => s.importKey('raw', new Uint8Array(32), 'Ed25519', true, ['sign']));
  await show('bad spki', () => s.importKey('spki', new Uint8Array(32), 'Ed25519', true, ['verify']));
  await show('bad pkcs8', () => s.importKey('pkcs8', new Uint8Array(32), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']));
  await show('sign with public', () => s.sign('Ed25519', e.publicKey, new Uint8Array(1)));
  await show('ed25519 spki as ecdsa', async () => s.importKey('spki', await s.exportKey('spki', e.publicKey), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']));

  for (const c of ['P-256', 'P-384']) {
    const { jwk, sig, p8 } = vec[c];
    const priv = await s.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: c }, true, ['sign']);
    const { d, ...pubJwk } = jwk;
    const pub = await s.importKey('jwk', { ...pubJwk, key_ops: ['verify'] }, { name: 'ECDSA', namedCurve: c }, true, ['verify']);
    console.log('ecdsa', c, JSON.stringify(priv.algorithm), await s.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, unhex(sig), te.encode('message')),
      await s.verify({ name: 'ECDSA', hash: 'SHA-384' }, pub, unhex(sig), te.encode('message')));
    console.log(' pkcs8 same', hex(await s.exportKey('pkcs8', priv)) === p8, JSON.stringify(await s.exportKey('jwk', priv)) === JSON.stringify(jwk));
    console.log(' raw', hex(await s.exportKey('raw', pub)), 'spki', hex(await s.exportKey('spki', pub)));
    const mine = await s.sign({ name: 'ECDSA', hash: 'SHA-512' }, priv, te.encode('m'));
    console.log(' own', mine.byteLength, await s.verify({ name: 'ECDSA', hash: 'SHA-512' }, pub, mine, te.encode('m')));
    const raw = await s.importKey('raw', await s.exportKey('raw', pub), { name: 'ECDSA', namedCurve: c }, true, ['verify']);
    console.log(' raw import', await s.verify({ name: 'ECDSA', hash: 'SHA-256' }, raw, unhex(sig), te.encode('message')));
    await show(' curve mismatch', async () => s.importKey('spki', await s.exportKey('spki', pub), { name: 'ECDSA', namedCurve: c === 'P-256' ? 'P-384' : 'P-256' }, true, ['verify']));
    await show(' no hash', () => s.sign('ECDSA', priv, new Uint8Array(1)));
    const other = await s.generateKey({ name: 'ECDH', namedCurve: c }, true, ['deriveBits']);
    const peer = await s.importKey('jwk', vec['ecdh' + c], { name: 'ECDH', namedCurve: c }, true, ['deriveBits']);
    const peerPub = await s.importKey('raw', unhex(hex(await s.exportKey('raw', await s.importKey('jwk', { ...vec['ecdh' + c], d: undefined }, { name: 'ECDH', namedCurve: c }, true, [])))), { name: 'ECDH', namedCurve: c }, true, []);
    const ab = await s.deriveBits({ name: 'ECDH', public: peerPub }, other.privateKey, null);
    const ba = await s.deriveBits({ name: 'ECDH', public: other.publicKey }, peer, null);
    console.log(' ecdh', hex(ab) === hex(ba), ab.byteLength, JSON.stringify([other.privateKey.usages, other.publicKey.usages, peerPub.algorithm]));
    await show(' ecdh 12', async () => (await s.deriveBits({ name: 'ECDH', public: peerPub }, other.privateKey, 12)).byteLength);
    await show(' ecdh too long', () => s.deriveBits({ name: 'ECDH', public: peerPub }, other.privateKey, 8 * 67));
    await show(' ecdh private as public', () => s.deriveBits({ name: 'ECDH', public: peer }, other.privateKey, null));
    await show(' ecdh no public', () => s.deriveBits({ name: 'ECDH' }, other.privateKey, null));
  }

  // RFC 7748 6.1: Alice's and Bob's keys.
  const alice = await s.importKey('pkcs8', unhex('302e020100300506032b656e04220420' + '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'), 'X25519', true, ['deriveBits']);
  const bob = await s.importKey('raw', unhex('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f'), { name: 'X25519' }, true, []);
  await show('rfc7748', () => s.deriveBits({ name: 'X25519', public: bob }, alice, 256));
  console.log(' x25519 jwk', JSON.stringify(await s.exportKey('jwk', alice)));
  const nodeX = await s.importKey('pkcs8', unhex(vec.x25519), 'X25519', true, ['deriveKey']);
  const hk = await s.deriveKey({ name: 'X25519', public: bob }, nodeX, { name: 'HMAC', hash: 'SHA-256', length: 256 }, true, ['sign']);
  console.log(' derived', JSON.stringify(hk.algorithm), (await s.exportKey('raw', hk)).byteLength);
  await show(' x25519 raw usage', () => s.importKey('raw', new Uint8Array(32), { name: 'X25519' }, true, ['deriveBits']));
  await show(' mixed', () => s.deriveBits({ name: 'X25519', public: bob }, e.privateKey, null));
})();
