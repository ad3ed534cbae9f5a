import { sha256, sha224 } from "js-sha256";
console.log(sha256("hello"), sha224("hello"), sha256.hmac("key", "The quick brown fox jumps over the lazy dog"), sha256(new Uint8Array([1, 2, 3])));
const h = sha256.create(); h.update("a"); h.update("b"); console.log(h.hex(), JSON.stringify(sha256.array("x").slice(0, 4)));
