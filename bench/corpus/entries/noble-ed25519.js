import * as ed from "@noble/ed25519";
// no top-level await: the bundle is a script (top-level await is another part of issue 12)
(async () => {
const hex = (u) => Array.from(u).map((b) => b.toString(16).padStart(2, "0")).join("");
const priv = new Uint8Array(32).fill(9);
const pub = await ed.getPublicKeyAsync(priv);
const msg = new TextEncoder().encode("hello noble");
const sig = await ed.signAsync(msg, priv);
console.log(hex(pub), hex(sig), await ed.verifyAsync(sig, msg, pub), await ed.verifyAsync(sig, new Uint8Array([1]), pub));
})();
