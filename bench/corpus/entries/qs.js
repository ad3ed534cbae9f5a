import qs from "qs";
console.log(JSON.stringify(qs.parse("a[b][c]=1&a[d][]=x&a[d][]=y&e=%20sp&f[0]=z&g=1&g=2")));
console.log(qs.stringify({ a: { b: [1, 2], c: "x y" }, d: null, e: "ü&" }), qs.stringify({ a: [1, 2] }, { arrayFormat: "brackets", encode: false }));
