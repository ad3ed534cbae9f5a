import queryString from "query-string";
console.log(JSON.stringify(queryString.parse("?foo=bar&arr=1&arr=2&n=5&b=true", { parseNumbers: true, parseBooleans: true })));
console.log(queryString.stringify({ b: 2, a: [1, 3], c: "x y", d: null, e: undefined }), queryString.stringifyUrl({ url: "https://x.example/p?z=1", query: { q: "ü" } }));
console.log(JSON.stringify(queryString.parseUrl("https://x.example/path?a=1#h", { parseFragmentIdentifier: true })));
