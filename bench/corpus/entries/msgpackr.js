import { pack, unpack } from "msgpackr";
const v = { a: 1, b: [1.5, "two", null, true], c: { d: new Date(0).toISOString() }, big: 2 ** 40, neg: -7 };
const b = pack(v);
console.log(b.length, Array.from(b).map((x) => x.toString(16).padStart(2, "0")).join(""));
console.log(JSON.stringify(unpack(b)));
