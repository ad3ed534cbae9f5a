import * as jose from "jose";
// no top-level await: the bundle is a script (top-level await is another part of issue 12)
(async () => {
const secret = new TextEncoder().encode("cc7e0d44fd473002f1c42167459001140ec6389b7353f8088f4d9a95f2f596f2");
const jwt = await new jose.SignJWT({ "urn:example:claim": true }).setProtectedHeader({ alg: "HS256" }).setIssuedAt(1700000000).setIssuer("urn:example:issuer").setExpirationTime(4102444800).sign(secret);
console.log(jwt);
const { payload, protectedHeader } = await jose.jwtVerify(jwt, secret, { issuer: "urn:example:issuer" });
console.log(JSON.stringify(payload), JSON.stringify(protectedHeader));
const { publicKey, privateKey } = await jose.generateKeyPair("ES256");
const jws = await new jose.CompactSign(new TextEncoder().encode("It’s a dangerous business")).setProtectedHeader({ alg: "ES256" }).sign(privateKey);
console.log(new TextDecoder().decode((await jose.compactVerify(jws, publicKey)).payload));
const jwk = await jose.exportJWK(publicKey); console.log(jwk.kty, jwk.crv, Object.keys(jwk).sort().join(","));
try { await jose.jwtVerify(jwt, new TextEncoder().encode("wrong-secret-wrong-secret-wrong-secret")); } catch (e) { console.log(e.code, e.name); }
const enc = await new jose.EncryptJWT({ a: 1 }).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).encrypt(secret.slice(0, 32));
console.log(JSON.stringify((await jose.jwtDecrypt(enc, secret.slice(0, 32))).payload));
})();
