// jose 5.10.0 on crypto.subtle: JWTs signed and verified with HS256, ES256,
// EdDSA and RS256, a JWE (dir + A256GCM, and RSA-OAEP-256 + A128CBC-HS256,
// and A128KW), JWK import/export and thumbprints. Keys made here are random,
// so only what does not depend on them is printed.
import * as jose from 'jose';
const enc = new TextEncoder();
const show = (e) => e.code;
(async () => {
  const secret = enc.encode('a-string-secret-at-least-256-bits-long');
  const hs = await new jose.SignJWT({ sub: '1234567890', name: 'John Doe', admin: true })
    .setProtectedHeader({ alg: 'HS256' }).setIssuedAt(1516239022).sign(secret);
  console.log('HS256', hs);
  const { payload, protectedHeader } = await jose.jwtVerify(hs, secret);
  console.log(payload, protectedHeader);
  try { await jose.jwtVerify(hs.slice(0, -2) + 'xx', secret); } catch (e) { console.log('tampered', show(e)); }
  for (const alg of ['ES256', 'EdDSA', 'RS256', 'PS256', 'ES384']) {
    const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
    const jwt = await new jose.SignJWT({ alg }).setProtectedHeader({ alg }).setIssuer('urn:x').setAudience('urn:y').setExpirationTime('2h').sign(privateKey);
    const r = await jose.jwtVerify(jwt, publicKey, { issuer: 'urn:x', audience: 'urn:y' });
    console.log(alg, jwt.split('.').length, r.payload.alg, r.protectedHeader.alg);
    try { await jose.jwtVerify(jwt, publicKey, { issuer: 'urn:other' }); } catch (e) { console.log(alg, 'claim', show(e)); }
    const jwk = await jose.exportJWK(publicKey);
    const again = await jose.importJWK(jwk, alg);
    console.log(alg, 'jwk', jwk.kty, jwk.crv || jwk.e, (await jose.jwtVerify(jwt, again)).payload.alg, (await jose.calculateJwkThumbprint(jwk)).length);
    const spki = await jose.exportSPKI(publicKey);
    console.log(alg, 'spki', spki.split('\n')[0], (await jose.importSPKI(spki, alg)).type);
    const pkcs8 = await jose.exportPKCS8(privateKey);
    console.log(alg, 'pkcs8', pkcs8.split('\n')[0], (await jose.importPKCS8(pkcs8, alg)).type);
  }
  // a known RFC 7515 A.1 style check: fixed key, HS256, deterministic
  const key = jose.base64url.decode('AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow');
  const jws = await new jose.CompactSign(enc.encode('{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}'))
    .setProtectedHeader({ typ: 'JWT', alg: 'HS256' }).sign(key);
  console.log('rfc7515', jws.split('.')[2]);
  // JWE
  const cek = new Uint8Array(32).fill(7);
  const jwe = await new jose.CompactEncrypt(enc.encode('hello JWE')).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(cek);
  const dec = await jose.compactDecrypt(jwe, cek);
  console.log('dir', jwe.split('.').length, new TextDecoder().decode(dec.plaintext), dec.protectedHeader);
  const rsa = await jose.generateKeyPair('RSA-OAEP-256');
  const jwe2 = await new jose.EncryptJWT({ secret: 42 }).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256' }).encrypt(rsa.publicKey);
  const d2 = await jose.jwtDecrypt(jwe2, rsa.privateKey);
  console.log('RSA-OAEP-256', d2.payload, d2.protectedHeader);
  const kw = new Uint8Array(16).fill(3);
  const jwe3 = await new jose.CompactEncrypt(enc.encode('wrapped')).setProtectedHeader({ alg: 'A128KW', enc: 'A128GCM' }).encrypt(kw);
  console.log('A128KW', new TextDecoder().decode((await jose.compactDecrypt(jwe3, kw)).plaintext));
  const ecdh = await jose.generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519' });
  const jwe4 = await new jose.CompactEncrypt(enc.encode('ecdh')).setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM' }).encrypt(ecdh.publicKey);
  console.log('ECDH-ES+A256KW', new TextDecoder().decode((await jose.compactDecrypt(jwe4, ecdh.privateKey)).plaintext));
  const pbes = await new jose.CompactEncrypt(enc.encode('pbes2')).setProtectedHeader({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 1000 }).encrypt(enc.encode('password'));
  console.log('PBES2', new TextDecoder().decode((await jose.compactDecrypt(pbes, enc.encode("password"), { keyManagementAlgorithms: ["PBES2-HS256+A128KW"] })).plaintext));
  try { await jose.compactDecrypt(jwe3, new Uint8Array(16)); } catch (e) { console.log('wrong kek', show(e)); }
})();
