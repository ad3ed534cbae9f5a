import { encode, decode } from "cbor-x";
const v = { a: 1, b: [1.5, "two", null, true], s: "héllo", n: -300, big: 2 ** 40 };
const b = encode(v);
console.log(b.length, Array.from(b).map((x) => x.toString(16).padStart(2, "0")).join(""));
console.log(JSON.stringify(decode(b)));
