import { secp256k1 } from "@noble/curves/secp256k1.js";
import { ed25519, x25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
const hex = (u) => Array.from(u).map((b) => b.toString(16).padStart(2, "0")).join("");
const k = new Uint8Array(32).fill(5), msg = new Uint8Array(32).fill(1);
const sig = secp256k1.sign(msg, k, { prehash: false });
console.log(hex(secp256k1.getPublicKey(k)), hex(sig.toBytes ? sig.toBytes() : sig), secp256k1.verify(sig, msg, secp256k1.getPublicKey(k), { prehash: false }));
console.log(hex(ed25519.getPublicKey(k)), hex(ed25519.sign(msg, k)).slice(0, 40), hex(x25519.getSharedSecret(k, x25519.getPublicKey(new Uint8Array(32).fill(6)))));
console.log(hex(p256.getPublicKey(k)).slice(0, 40), p256.verify(p256.sign(msg, k, { prehash: false }), msg, p256.getPublicKey(k), { prehash: false }));
