import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { sha3_256, keccak_256 } from "@noble/hashes/sha3.js";
import { blake2b } from "@noble/hashes/blake2.js";
import { hmac } from "@noble/hashes/hmac.js";
import { pbkdf2 } from "@noble/hashes/pbkdf2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
const m = utf8ToBytes("abc");
console.log(bytesToHex(sha256(m)), bytesToHex(sha512(m)).slice(0, 32), bytesToHex(sha3_256(m)), bytesToHex(keccak_256(m)));
console.log(bytesToHex(blake2b(m, { dkLen: 32 })), bytesToHex(hmac(sha256, utf8ToBytes("key"), m)), bytesToHex(pbkdf2(sha256, "pw", "salt", { c: 1000, dkLen: 16 })));
