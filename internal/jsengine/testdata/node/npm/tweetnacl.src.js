// tweetnacl 1.0.3 finds its PRNG through self.crypto (its require('crypto')
// fallback is mapped away by the package's browser field), then signs,
// boxes and hashes. Node 20 has no self: the first line gives it one.
import './self.js';
import nacl from 'tweetnacl';
const enc = new TextEncoder();
const r = nacl.randomBytes(32);
console.log('randomBytes', r.length, r.some((b) => b !== 0));
const seed = new Uint8Array(32).map((_, i) => i);
const kp = nacl.sign.keyPair.fromSeed(seed);
const hex = (u) => Array.from(u, (b) => b.toString(16).padStart(2, '0')).join('');
console.log('public key', hex(kp.publicKey));
const sig = nacl.sign.detached(enc.encode('hello'), kp.secretKey);
console.log('signature', hex(sig));
console.log('verify', nacl.sign.detached.verify(enc.encode('hello'), sig, kp.publicKey), nacl.sign.detached.verify(enc.encode('hellO'), sig, kp.publicKey));
const a = nacl.box.keyPair(), b = nacl.box.keyPair();
const nonce = nacl.randomBytes(nacl.box.nonceLength);
const boxed = nacl.box(enc.encode('secret'), nonce, b.publicKey, a.secretKey);
console.log('box open', new TextDecoder().decode(nacl.box.open(boxed, nonce, a.publicKey, b.secretKey)));
console.log('hash', hex(nacl.hash(enc.encode('abc'))).slice(0, 32));
const k = nacl.randomBytes(32);
const sealed = nacl.secretbox(enc.encode('x'.repeat(100)), nonce, k);
console.log('secretbox', sealed.length, nacl.secretbox.open(sealed, nonce, k).length);
