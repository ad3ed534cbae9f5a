// crypto.subtle: how console.log shows CryptoKey, SubtleCrypto and key pairs.
(async () => {
  const s = crypto.subtle;
  const k = await s.importKey('raw', new Uint8Array(4), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  console.log(k);
  console.log([k]);
  console.log(s);
  const e = await s.generateKey('Ed25519', true, ['sign', 'verify']);
  console.log(e);
  console.log(structuredClone(k));
})();
