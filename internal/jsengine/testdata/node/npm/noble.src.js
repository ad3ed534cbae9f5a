// @noble/ed25519 2.3.0's async API, which hashes with crypto.subtle
// (SHA-512): RFC 8032 test 1 and 2, sign/verify, and a random key.
import * as ed from '@noble/ed25519';
const hex = (u) => Array.from(u, (b) => b.toString(16).padStart(2, '0')).join('');
const unhex = (h) => new Uint8Array(h.match(/../g).map((x) => parseInt(x, 16)));
(async () => {
  const vectors = [
    ['9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', '', 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'],
    ['4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb', '72', '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00'],
  ];
  for (const [sk, msg, sig] of vectors) {
    const pub = await ed.getPublicKeyAsync(unhex(sk));
    const s = await ed.signAsync(msg ? unhex(msg) : new Uint8Array(0), unhex(sk));
    console.log(hex(pub), hex(s) === sig, await ed.verifyAsync(s, msg ? unhex(msg) : new Uint8Array(0), pub));
  }
  const priv = ed.utils.randomPrivateKey();
  const pub = await ed.getPublicKeyAsync(priv);
  const m = new TextEncoder().encode('hello noble');
  const s = await ed.signAsync(m, priv);
  console.log(priv.length, pub.length, s.length, await ed.verifyAsync(s, m, pub), await ed.verifyAsync(s, new TextEncoder().encode('hello nobl3'), pub));
  // the node keys agree with crypto.subtle's Ed25519
  const key = await crypto.subtle.importKey('raw', pub, 'Ed25519', false, ['verify']);
  console.log('subtle verifies noble', await crypto.subtle.verify('Ed25519', key, s, m));
})();
