import { deflateSync, inflateSync, gzipSync, gunzipSync, zipSync, unzipSync, strToU8, strFromU8 } from "fflate";
const hex = (u) => Array.from(u).map((b) => b.toString(16).padStart(2, "0")).join("");
const data = strToU8("fflate fflate fflate ".repeat(50));
const d = deflateSync(data, { level: 6 });
console.log(d.length, hex(d), strFromU8(inflateSync(d)).length, strFromU8(gunzipSync(gzipSync(data, { mtime: 0 }))).slice(0, 6));
const zip = zipSync({ "a.txt": strToU8("A"), "dir/b.txt": strToU8("BB") }, { mtime: new Date("2020-01-01T00:00:00Z") });
console.log(zip.length, JSON.stringify(Object.fromEntries(Object.entries(unzipSync(zip)).map(([k, v]) => [k, strFromU8(v)]))));
