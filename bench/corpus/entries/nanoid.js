import { nanoid, customAlphabet } from "nanoid";
const id = nanoid();
console.log(id.length, /^[A-Za-z0-9_-]+$/.test(id), nanoid(10).length);
const hex = customAlphabet("0123456789abcdef", 12)();
console.log(hex.length, /^[0-9a-f]{12}$/.test(hex), new Set(Array.from({ length: 1000 }, () => nanoid())).size);
