import crypto, { createHash, createHmac, randomBytes, timingSafeEqual, pbkdf2Sync, randomInt, randomUUID } from 'node:crypto';
import c2 from 'crypto';
import { Buffer } from 'node:buffer';

const err = (f) => { try { f(); return 'no error'; } catch (e) { return `${e.name} ${e.code} ${e.message}`; } };
console.log(c2 === crypto, crypto.webcrypto === globalThis.crypto, crypto.subtle === globalThis.crypto.subtle, typeof crypto.getRandomValues);
for (const alg of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-256', 'sha3-256', 'SHA256', 'RSA-SHA1', 'sha512-224', 'sha3-512']) {
  console.log(alg, createHash(alg).update('hello ').update(Buffer.from('world')).digest('hex'), createHash(alg).digest('base64'));
}
const h = createHash('sha256').update('a');
const copy = h.copy();
console.log(h.digest('hex'), copy.update('b').digest('base64url'), createHash('md5').update('ff00', 'hex').digest().length, createHash('sha1').update('é', 'latin1').digest('hex'));
console.log(createHash('sha256').update(new Uint16Array([1, 2])).digest('hex'), createHash('sha256').update(new DataView(new ArrayBuffer(2))).digest('hex').slice(0, 8));
console.log(createHash('md5').digest(), createHash('md5').update('x').digest('latin1').length, createHash('md5').update('x').digest('buffer').length);
for (const alg of ['md5', 'sha1', 'sha256', 'sha512']) {
  console.log('hmac', alg, createHmac(alg, 'key').update('The quick brown fox jumps over the lazy dog').digest('hex'));
}
console.log(createHmac('sha256', Buffer.alloc(100, 1)).update('x').digest('base64'), createHmac('sha256', '').digest('hex'));
const hm = createHmac('sha1', 'k'); hm.digest(); console.log(hm.digest('hex') === '', hm.digest().length);
console.log(crypto.hash('sha1', 'abc'), crypto.hash('md5', Buffer.from('abc'), 'base64'));
console.log(pbkdf2Sync('password', 'salt', 1, 20, 'sha1').toString('hex'), pbkdf2Sync('password', 'salt', 4096, 32, 'sha256').toString('hex'), pbkdf2Sync('p', 's', 1, 0, 'sha1').length);
console.log(err(() => createHash('foo')));
console.log(err(() => createHash(5)));
console.log(err(() => createHmac('foo', 'k')));
console.log(err(() => createHash('sha1').update(5)));
console.log(err(() => { const x = createHash('sha1'); x.digest(); x.update('x'); }));
console.log(err(() => { const x = createHash('sha1'); x.digest(); x.digest(); }));
console.log(err(() => { const x = createHash('sha1'); x.digest(); x.copy(); }));
console.log(err(() => createHmac('sha1')));
console.log(err(() => pbkdf2Sync('a', 'b', 1, 10, 'foo')));
console.log(err(() => pbkdf2Sync('a', 'b', 0, 10, 'sha1')));
console.log(err(() => pbkdf2Sync('a', 'b', 1, -1, 'sha1')));
console.log(err(() => pbkdf2Sync('a', 5, 1, 1, 'sha1')));
console.log(err(() => randomBytes(-1)));
console.log(err(() => randomBytes('1')));
console.log(err(() => randomInt(5, 1)));
console.log(err(() => randomInt(0, 2 ** 49)));
console.log(err(() => randomInt(1.5)));
console.log(err(() => timingSafeEqual(Buffer.from('a'), Buffer.from('ab'))));
console.log(err(() => timingSafeEqual('a', 'b')));
console.log(timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')), timingSafeEqual(new Uint8Array(0), new ArrayBuffer(0)));
const rb = randomBytes(70000);
console.log(rb.length, Buffer.isBuffer(rb), rb.some((x) => x !== 0), randomBytes(0).length);
const ints = Array.from({ length: 500 }, () => randomInt(3, 7));
console.log(Math.min(...ints), Math.max(...ints), ints.every(Number.isInteger), randomInt(1) === 0);
console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(randomUUID()));
const filled = crypto.randomFillSync(new Uint32Array(4), 1, 2);
console.log(filled[0], filled[3], crypto.randomFillSync(Buffer.alloc(4)).length);
const digests = ['md5', 'sha1', 'sha256', 'sha512'].filter((n) => crypto.getHashes().includes(n));
console.log(digests);
crypto.randomBytes(8, (e, b) => {
  console.log('async randomBytes', e, b.length);
  crypto.pbkdf2('pw', 'salt', 2, 8, 'sha256', (e, k) => {
    console.log('async pbkdf2', e, k.toString('hex'));
    crypto.randomInt(10, (e, n) => {
      console.log('async randomInt', e, n >= 0 && n < 10);
      crypto.subtle.digest('SHA-256', Buffer.from('x')).then((d) => console.log('subtle', Buffer.from(d).toString('hex') === createHash('sha256').update('x').digest('hex')));
    });
  });
});
console.log(crypto.scryptSync('password', 'salt', 16).toString('hex'), crypto.scryptSync('', '', 64, { N: 16, r: 1, p: 1 }).toString('hex'));
console.log(crypto.scryptSync('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 }).toString('hex'), crypto.scryptSync('p', 's', 16, { cost: 1024, blockSize: 2, parallelization: 2 }).toString('base64'));
console.log(err(() => crypto.scryptSync('p', 's', 16, { N: 3 })));
console.log(err(() => crypto.scryptSync('p', 's', 16, { N: 2 ** 20 })));
console.log(err(() => crypto.scryptSync('p', 's', 16, { N: 1024, cost: 1024 })));
console.log(err(() => crypto.scryptSync('p', 's', -1)));
console.log(err(() => crypto.scryptSync('p', 's', 16, { N: 1024, r: 8, p: 1, maxmem: 1024 })));
console.log(err(() => crypto.scryptSync('p', 's', 16, { N: 65536, r: 1 })));
console.log(err(() => crypto.scryptSync('p', 's', 16, { N: 1.5 })));
console.log(crypto.scryptSync('p', 's', 0).length);
