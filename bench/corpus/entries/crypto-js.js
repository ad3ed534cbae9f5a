import CryptoJS from "crypto-js";
console.log(CryptoJS.SHA256("hello").toString(), CryptoJS.MD5("hello").toString(), CryptoJS.HmacSHA512("msg", "key").toString(CryptoJS.enc.Base64));
const key = CryptoJS.enc.Hex.parse("000102030405060708090a0b0c0d0e0f"), iv = CryptoJS.enc.Hex.parse("0f0e0d0c0b0a09080706050403020100");
const ct = CryptoJS.AES.encrypt("secret message", key, { iv }).toString();
console.log(ct, CryptoJS.AES.decrypt(ct, key, { iv }).toString(CryptoJS.enc.Utf8), CryptoJS.PBKDF2("pw", "salt", { keySize: 4, iterations: 100 }).toString());
