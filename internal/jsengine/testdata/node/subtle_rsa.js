// crypto.subtle RSA: RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP with a key,
// a signature and a ciphertext node made, compared with node.
(async () => {
  const s = crypto.subtle;
  const te = new TextEncoder();
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
  const vec = {"p8":"308204bc020100300d06092a864886f70d0101010500048204a6308204a20201000282010100a6303b26101168269fd6717b9070249d1437b4fbcc46df4810a941ad709ec34e2f056f3983f630651f4d1ff7d126afb0cc28838dccd50ab17ca8f95af08f7bce59721ad971a0facbbc0293c6d43ce93580504c9c64a49ee7afc938afb0e0fc313948607970d429f68a34e14dc70036187d86c644cd522908bc622537222d469b1798d194c6a505b7008dcc334e9b5451cd7805d7c1e46826d8d05095c4821742ca9f9bee623f3596ed54cb14575811483f301fce4f8a5f5e521a10535729302b028ddc8728d33942a5e074ff581b5700ef7ac05d2734f535a600d352a2998bdd98eb4ae6150daf55ce337d1deae974ba5d647ff4d5061762c0413b76018fef75020301000102820100055f4ca10d8234d491ab566bceba15e733beaefb5cd097fc5a66ac06482a02d9210800ccbdc02fea0739de2d42acbf7aec7e9f5b37903136df9bea3161896b07721434c96b4738a69163575e7780cd25bb0a26a224322d02033629beab128d1da6d0afddb3fe9a16f4c3a723be851ef16a0442308c560c73d26a08a96076511515a521c751cc7caad6fa7c2d071d2ce6a76d158915aa5aee5a80ad30bac192aab34774f1fd54c7df87c9631419388cd75cbc01fc1280751bdac47143468bbba05a548ba767d1a7062ce862f8415862d8370ef6081dea6fae4a54bfe2ec1c3026357dfddea0c1e7308eee7e2736ff16dea51dddb27fc2ab372ec75f370bd0d10102818100ce4ee2fa812794f472546e5eceb7529165488ce92fc2fbcf6d39c83f484fb15cd8b59d71628e70a679b9b88a74fbadb9a36d736b794b9559455d2de8a1b0bed2ba9b2acf5781c6e758bcb53213bf8d64c01f67810f543d5d52ad972e78f923ee6361a436003acf49a9b51281a140f2f1192310a166b3f6488b971a3ab91717a102818100ce3787f0e02f0365f805212028e60abfa4766868a490ba3f37c7bb93386c4be717402cc89bdb16cb4670b5b1ee5dba53f7c68e8c11ce25da1db8fac1988e1a787695f6881093d6d814dd9c29f64a39e16b26412f0719dedfa4ad74bb732afdb050687b257e29c7afb49c526001c698163069480fd406fd48a45a8d23b761b755028180300b52f47f6b5656eee116aae17cf3af8464b6dbff116b4ecce2eded3ecbc0441cfb7e64cf4cd8930c39e1edec7c47e2b95a5dcca37ca4951b802d96c540c1cf95415960dbc20f2e050e3d2c2249338648ef874d18e2c73f9a676e9395fc7f0f9ef93822933f1ed2cac0ae449de6e02ca16bf70d7f3b5d995b589ef519f174c1028180363183c93ab1403c60f4c022da7cb220711129192efe55e3dd3de13eac5a518c36a107e3e489ac30d99f2f30c68add37c9eae5754c0c9807fd3daab08bedf468ea093913c2ff873b9c282d2d1deb9dd06ebf4bec16faa686b199600f0f12223f5eb24682b0e83bf1220ededb1a3c5da59f2d5be1c4ffdd3a64eee31e9ac7d44d02818067c52c933fe7b5342adaaef6cadcb33febf0a9200214f7d6c6b691df10f206bff2dff2924a6b8c0b172d8bea4f80ab4f9ae5d27ddb6ccac7f4f69f9c28cf84f0babdc5596e2a94e85f204e866e388e9e9132ea2bccdd86e601b92de62e7dc9864d119835b80518877b91e1114b5674fa1d8b1e746fdfa7c25b7380ff33a6320a","pss":"0e6f1577c76c61cc831526b4a31791e1e4e7f84886cb1f90ba430955736466f03e52f3b3c1ac8cb464d29e6b3e027f86af684bf92340805e2a6cef151c103cc2baf063ebe71917f1c573fffed35661e606b3c55bd4ca39b54fc24a33a6a5ef6b2a17bcb800caca4db8ed908d33ee6512610ca4b929dd01ad740b9def090103aa56e252bd24eaad63c4025e319f4b6e6eddac4251e9f22ed9ded0c8b187444c5a4ebf0b53385fb2642a5c201441f8991eba68d0af9306c6fc1734258d6340a7814809a99ea2b230228a5e0f6e805734d0fdd2d1356f3bb305f0a187a871b47b54581ff0f937647c582411a5a9ad0e5bd8311cba1d977c66d815fe7a684ab74b2f","oaep":"0f77729f2e39a934ea36c04eee7c7caf04221a31d061ce2dfefcf6294fb198ef24470f4b1421b0de1204a7f271b9766f324c7e201630680c8a1f16c06b012a5b28a860f3e382bfa53534602d11ab67c8ff97746a32ee224f9cb02dda5aa486927c3673e8b1dd7dd7ee7a64092773aab624c2fe4006b4183ca983b35e1643524826f29fcf904d61eddeb8bc904bc0fa79d1e66adde8b585c01adbb0e35c68b55a0cd01c2b9a5fd6e8e95f12eda5435bcc63eabcca3f8df26e166e71fe39f996aa08b333f0aa130ae2cf77c9d0cf4f060d796ed048945b8ac8636de8239dfaba08c442e2f6368a5a593e7b6a76b0fa2dd5bbbc09c1d80aac53cdf922a16030e2fd"};
  const msg = te.encode('message');
  const p8 = unhex(vec.p8);
  const pk = await s.importKey('pkcs8', p8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']);
  console.log('key', pk.type, JSON.stringify(pk.algorithm), pk.algorithm.publicExponent instanceof Uint8Array, hex(await s.exportKey('pkcs8', pk)) === vec.p8);
  const jwk = await s.exportKey('jwk', pk);
  console.log('jwk', Object.keys(jwk).join(), jwk.alg, jwk.n.length, jwk.e);
  const { d, p, q, dp, dq, qi, ...pubJwk } = jwk;
  const pub = await s.importKey('jwk', { ...pubJwk, key_ops: ['verify'] }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
  const spki = await s.exportKey('spki', pub);
  console.log('spki', hex(spki).length, JSON.stringify(await s.exportKey('jwk', pub)) === JSON.stringify({ ...pubJwk, key_ops: ['verify'] }));
  for (const hash of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']) {
    const k = await s.importKey('pkcs8', p8, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']);
    const v = await s.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
    const sig = await s.sign('RSASSA-PKCS1-v1_5', k, msg);
    console.log('pkcs1', hash, hex(sig), await s.verify('RSASSA-PKCS1-v1_5', v, sig, msg), await s.verify('RSASSA-PKCS1-v1_5', v, sig, te.encode('x')));
  }
  const pssPriv = await s.importKey('pkcs8', p8, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
  const pssPub = await s.importKey('spki', spki, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']);
  console.log('pss node', await s.verify({ name: 'RSA-PSS', saltLength: 32 }, pssPub, unhex(vec.pss), msg), await s.verify({ name: 'RSA-PSS', saltLength: 20 }, pssPub, unhex(vec.pss), msg));
  const own = await s.sign({ name: 'RSA-PSS', saltLength: 64 }, pssPriv, msg);
  console.log('pss own', own.byteLength, await s.verify({ name: 'RSA-PSS', saltLength: 64 }, pssPub, own, msg));
  await show('pss no salt', () => s.sign('RSA-PSS', pssPriv, msg));
  await show('pss huge salt', () => s.sign({ name: 'RSA-PSS', saltLength: 1000 }, pssPriv, msg));
  const oPriv = await s.importKey('pkcs8', p8, { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['decrypt']);
  const oPub = await s.importKey('spki', spki, { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['encrypt']);
  await show('oaep node', async () => new TextDecoder().decode(await s.decrypt({ name: 'RSA-OAEP', label: new Uint8Array([1, 2]) }, oPriv, unhex(vec.oaep))));
  await show('oaep wrong label', () => s.decrypt({ name: 'RSA-OAEP' }, oPriv, unhex(vec.oaep)));
  const oct = await s.encrypt({ name: 'RSA-OAEP' }, oPub, te.encode('hi'));
  await show('oaep own', async () => [oct.byteLength, new TextDecoder().decode(await s.decrypt({ name: 'RSA-OAEP' }, oPriv, oct))]);
  await show('oaep too long', () => s.encrypt({ name: 'RSA-OAEP' }, oPub, new Uint8Array(200)));
  console.log('oaep jwk', (await s.exportKey('jwk', oPriv)).alg, (await s.exportKey('jwk', oPub)).alg);
  await show('raw', () => s.importKey('raw', new Uint8Array(3), { name: 'RSA-OAEP', hash: 'SHA-1' }, true, ['encrypt']));
  await show('jwk alg', async () => s.importKey('jwk', await s.exportKey('jwk', oPub), { name: 'RSA-OAEP', hash: 'SHA-1' }, true, ['encrypt']));
  await show('spki decrypt', () => s.importKey('spki', spki, { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['decrypt']));
  await show('gen usage', () => s.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-1' }, true, ['sign']));
  await show('gen no exponent', () => s.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, hash: 'SHA-1' }, true, ['encrypt', 'decrypt']));
  const g = await s.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-512' }, true, ['encrypt', 'decrypt']);
  console.log('gen', JSON.stringify([g.privateKey.algorithm, g.privateKey.usages, g.publicKey.usages]));
  await show('gen roundtrip', async () => new TextDecoder().decode(await s.decrypt('RSA-OAEP', g.privateKey, await s.encrypt('RSA-OAEP', g.publicKey, te.encode('ok')))));
  await show('ecdsa spki as rsa', async () => {
    const e = await s.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    return s.importKey('spki', await s.exportKey('spki', e.publicKey), { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']);
  });
})();
