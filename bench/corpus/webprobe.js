// The web-platform probe of `go run . -corpus`: each check prints one line,
// "name => result", run under node and under corets-wasm and compared line
// by line. A result is a short description of a value (typeof and content)
// or "throws Name: message". Checks cover the globals of the WinterCG
// minimum common API and the items 4-8 of issue 12.
const checks = [];
const c = (name, fn) => checks.push([name, fn]);
const has = (path) => c("has " + path, () => { let o = globalThis; for (const k of path.split(".")) { if (o == null) return "undefined"; o = o[k]; } return typeof o; });

// existence: globals and their methods
for (const g of ["self", "navigator", "queueMicrotask", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate", "structuredClone", "reportError", "atob", "btoa",
  "fetch", "Request", "Response", "Headers", "FormData", "Blob", "File", "URL", "URLSearchParams", "URLPattern", "AbortController", "AbortSignal", "Event", "EventTarget", "CustomEvent", "ErrorEvent", "PromiseRejectionEvent", "MessageChannel", "MessagePort", "MessageEvent", "BroadcastChannel",
  "TextEncoder", "TextDecoder", "TextEncoderStream", "TextDecoderStream", "ReadableStream", "WritableStream", "TransformStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader", "ReadableByteStreamController", "WritableStreamDefaultWriter", "ByteLengthQueuingStrategy", "CountQueuingStrategy", "CompressionStream", "DecompressionStream",
  "crypto", "Crypto", "CryptoKey", "SubtleCrypto", "performance", "Performance", "PerformanceMark", "PerformanceMeasure", "DOMException", "console", "WebAssembly", "Intl", "WeakRef", "FinalizationRegistry", "AggregateError", "SharedArrayBuffer", "Atomics", "globalThis", "Iterator"]) has(g);
for (const m of ["crypto.getRandomValues", "crypto.randomUUID", "crypto.subtle.digest", "crypto.subtle.importKey", "crypto.subtle.sign", "crypto.subtle.encrypt", "crypto.subtle.deriveBits", "crypto.subtle.wrapKey", "crypto.subtle.generateKey",
  "performance.now", "performance.timeOrigin", "performance.mark", "performance.measure", "performance.getEntriesByName", "navigator.userAgent", "navigator.hardwareConcurrency", "navigator.language",
  "Response.json", "Response.redirect", "Response.error", "AbortSignal.timeout", "AbortSignal.any", "AbortSignal.abort", "ReadableStream.from", "URL.canParse", "URL.parse", "Array.fromAsync", "Promise.withResolvers", "Object.groupBy", "Map.groupBy", "ArrayBuffer.prototype.transfer", "Intl.Segmenter", "Intl.DisplayNames", "Intl.Locale", "Intl.ListFormat", "Intl.RelativeTimeFormat", "Intl.supportedValuesOf", "String.prototype.isWellFormed", "Array.prototype.toSorted", "Set.prototype.union",
  "Error.captureStackTrace", "DataView.prototype.getFloat16", "Math.sumPrecise", "process", "Buffer", "require", "Deno", "WebAssembly.Module", "Symbol.asyncIterator"]) has(m);

// behaviour
const te = new TextEncoder(), td = new TextDecoder();
c("TextEncoder utf-8", () => Array.from(te.encode("h€\u{1F600}")).join());
c("TextEncoder encodeInto", () => { const u = new Uint8Array(4); return JSON.stringify(te.encodeInto("h€x", u)); });
c("TextDecoder lone surrogate", () => td.decode(new Uint8Array([0xed, 0xa0, 0x80, 0x41])));
c("TextDecoder fatal", () => new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xff])));
c("TextDecoder BOM", () => JSON.stringify(td.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))));
c("TextDecoder utf-16le", () => new TextDecoder("utf-16le").decode(new Uint8Array([0x68, 0, 0xac, 0x20])));
c("TextDecoder windows-1252", () => new TextDecoder("windows-1252").decode(new Uint8Array([0x80, 0x41, 0xe9])));
c("TextDecoder latin1 label", () => new TextDecoder("latin1").encoding);
c("TextDecoder stream", () => { const d = new TextDecoder(); return d.decode(new Uint8Array([0xe2, 0x82]), { stream: true }) + "|" + d.decode(new Uint8Array([0xac])); });
c("atob/btoa", () => btoa("hello\xff") + " " + atob("aGVsbG8="));
c("atob invalid", () => atob("@@"));
c("URL parts", () => { const u = new URL("https://user:pw@Example.COM:8080/a/../b/./c?x=1&y=%20#frag"); return [u.href, u.origin, u.host, u.pathname, u.search, u.hash, u.username].join(" "); });
c("URL relative", () => new URL("../x?q", "http://a.example/b/c/d").href);
c("URL idna", () => new URL("http://münchen.example/").hostname);
c("URL invalid", () => new URL("not a url").href);
c("URL.canParse", () => URL.canParse("http://x") + " " + URL.canParse("nope"));
c("URLSearchParams", () => { const p = new URLSearchParams("a=1&b=2&a=3&c=%20x+y"); p.append("d", "é&"); p.sort(); return p.toString() + " " + p.getAll("a") + " " + p.size; });
c("URLSearchParams from object", () => new URLSearchParams({ x: "1", y: "a b" }).toString());
c("URL searchParams live", () => { const u = new URL("http://x/?a=1"); u.searchParams.set("b", "2"); return u.href; });
c("Headers", () => { const h = new Headers({ "Content-Type": "text/plain" }); h.append("X-A", "1"); h.append("x-a", "2"); return JSON.stringify([...h]) + " " + h.get("x-a") + " " + h.has("CONTENT-TYPE"); });
c("Headers set-cookie", () => { const h = new Headers(); h.append("Set-Cookie", "a=1"); h.append("Set-Cookie", "b=2"); return JSON.stringify([...h]) + " " + JSON.stringify(h.getSetCookie()); });
c("Headers invalid name", () => new Headers({ "bad name": "x" }));
c("Request basics", () => { const r = new Request("http://x.example/p?q=1", { method: "post", headers: { a: "b" }, body: "hi" }); return [r.method, r.url, r.headers.get("a"), r.bodyUsed, r.redirect, r.cache].join(" "); });
c("Request GET with body", () => new Request("http://x/", { body: "x" }));
c("Request clone", () => new Request("http://x/", { method: "PUT", body: "b" }).clone().method);
c("Request signal", () => typeof new Request("http://x/").signal.aborted);
c("Response basics", () => { const r = new Response("body", { status: 201, statusText: "Created", headers: { "x-y": "z" } }); return [r.status, r.ok, r.statusText, r.headers.get("x-y"), r.type, r.redirected, r.bodyUsed].join(" "); });
c("Response.json", () => { const r = Response.json({ a: 1 }, { status: 202 }); return r.status + " " + r.headers.get("content-type"); });
c("Response.redirect", () => { const r = Response.redirect("http://x.example/", 301); return r.status + " " + r.headers.get("location"); });
c("Response.error", () => { const r = Response.error(); return r.type + " " + r.status; });
c("Response bad status", () => new Response("", { status: 99 }));
c("Response null body status", () => new Response("x", { status: 204 }));
c("Response content-type", () => [new Response("s").headers.get("content-type"), new Response(new URLSearchParams("a=1")).headers.get("content-type"), new Response(new Uint8Array(1)).headers.get("content-type")].join(" | "));
c("Response.body is stream", () => Object.prototype.toString.call(new Response("x").body));
c("AbortController", () => { const ac = new AbortController(); let n = 0; ac.signal.addEventListener("abort", () => n++); ac.abort("why"); ac.abort(); return [ac.signal.aborted, ac.signal.reason, n].join(" "); });
c("AbortSignal.abort reason", () => { const s = AbortSignal.abort(); return s.reason.name + " " + s.reason.message; });
c("AbortSignal throwIfAborted", () => AbortSignal.abort(new Error("x")).throwIfAborted());
c("AbortSignal.any", () => { const a = new AbortController(); const s = AbortSignal.any([a.signal]); a.abort(1); return s.aborted + " " + s.reason; });
c("EventTarget", () => { const t = new EventTarget(); const got = []; t.addEventListener("x", (e) => got.push(e.type + e.detail), { once: true }); t.dispatchEvent(new CustomEvent("x", { detail: 1 })); t.dispatchEvent(new CustomEvent("x", { detail: 2 })); return got.join(); });
c("Event fields", () => { const e = new Event("e", { cancelable: true }); e.preventDefault(); return [e.type, e.defaultPrevented, e.bubbles, e.eventPhase, typeof e.timeStamp].join(" "); });
c("Event toString", () => String(new Event("x")));
c("DOMException", () => { const e = new DOMException("msg", "AbortError"); return [e.name, e.message, e.code, e instanceof Error, String(e)].join(" "); });
c("DOMException constants", () => DOMException.ABORT_ERR + " " + DOMException.DATA_CLONE_ERR);
c("structuredClone", () => { const o = { d: new Date(0), m: new Map([[1, { s: new Set([2]) }]]), r: /x/gi, b: new Uint8Array([1, 2]), big: 10n }; o.self = o; const c2 = structuredClone(o); return [c2.self === c2, c2.d.toISOString(), c2.m.get(1).s.has(2), String(c2.r), c2.b.join(), typeof c2.big].join(" "); });
c("structuredClone function", () => structuredClone(() => 1));
c("structuredClone error", () => { const e = structuredClone(new RangeError("r")); return e.name + " " + e.message + " " + (e instanceof RangeError); });
c("structuredClone transfer", () => { const b = new ArrayBuffer(8); const c2 = structuredClone(b, { transfer: [b] }); return b.byteLength + " " + c2.byteLength; });
c("queueMicrotask order", () => "sync");
c("crypto.getRandomValues", () => { const u = crypto.getRandomValues(new Uint8Array(8)); return u.length + " " + (u instanceof Uint8Array); });
c("crypto.getRandomValues too big", () => crypto.getRandomValues(new Uint8Array(65537)));
c("crypto.getRandomValues float", () => crypto.getRandomValues(new Float32Array(1)));
c("crypto.randomUUID", () => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()));
c("performance.now", () => typeof performance.now() + " " + (performance.now() >= 0));
c("performance.mark", () => { const m = performance.mark("m1", { detail: 1 }); return [m.name, m.entryType, m.detail].join(" "); });
c("performance.measure", () => { performance.mark("a"); performance.mark("b"); const m = performance.measure("ab", "a", "b"); return [m.name, m.entryType, typeof m.duration].join(" "); });
c("performance.toJSON", () => Object.keys(performance.toJSON()).sort().join());
c("self === globalThis", () => self === globalThis);
c("setTimeout returns", () => { const t = setTimeout(() => {}, 1); clearTimeout(t); return typeof t === "number" || typeof t === "object"; });
c("Blob", () => { const b = new Blob(["ab", new Uint8Array([99])], { type: "Text/Plain" }); return [b.size, b.type, Object.prototype.toString.call(b)].join(" "); });
c("Blob slice", () => { const b = new Blob(["hello world"]).slice(-5, -1, "x/y"); return b.size + " " + b.type; });
c("File", () => { const f = new File(["x"], "a.txt", { type: "text/plain", lastModified: 5 }); return [f.name, f.size, f.type, f.lastModified, f instanceof Blob].join(" "); });
c("FormData", () => { const f = new FormData(); f.append("a", "1"); f.append("b", new Blob(["x"]), "b.bin"); f.set("a", "2"); return JSON.stringify([...f].map(([k, v]) => [k, typeof v === "string" ? v : v.name + ":" + v.size])); });
c("Date toString", () => new Date(0).toString().length > 20);
c("Date toISOString", () => new Date(Date.UTC(2020, 1, 29, 12)).toISOString());
c("Date invalid", () => String(new Date("nope")));
c("Date parse", () => Date.parse("2024-03-10T12:00:00Z") + " " + Date.parse("2024-03-10"));
c("Date toUTCString", () => new Date(0).toUTCString());
c("Intl.DateTimeFormat tz", () => new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", dateStyle: "full", timeStyle: "long" }).format(new Date(Date.UTC(2024, 2, 10, 12))));
c("Intl.DateTimeFormat parts", () => JSON.stringify(new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "short", day: "2-digit" }).formatToParts(new Date(0))));
c("Intl.DateTimeFormat resolved", () => { const r = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Tokyo" }).resolvedOptions(); return r.timeZone + " " + r.calendar + " " + r.numberingSystem; });
c("Intl.DateTimeFormat de", () => new Intl.DateTimeFormat("de-DE", { timeZone: "UTC", dateStyle: "long" }).format(new Date(0)));
c("Date toLocaleString tz", () => new Date(0).toLocaleString("en-US", { timeZone: "Asia/Kolkata" }));
c("Date toLocaleDateString", () => new Date(Date.UTC(2024, 0, 5)).toLocaleDateString("en-GB", { timeZone: "UTC" }));
c("Intl.NumberFormat decimal", () => new Intl.NumberFormat("en-US").format(1234567.891));
c("Intl.NumberFormat de", () => new Intl.NumberFormat("de-DE").format(1234567.891));
c("Intl.NumberFormat currency", () => new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).format(-1234.5));
c("Intl.NumberFormat percent", () => new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(0.1234));
c("Intl.NumberFormat compact", () => new Intl.NumberFormat("en-US", { notation: "compact" }).format(1234567));
c("Intl.NumberFormat unit", () => new Intl.NumberFormat("en-US", { style: "unit", unit: "kilometer-per-hour" }).format(50));
c("Number toLocaleString", () => (1234.5).toLocaleString() + " " + (1234.5).toLocaleString("fr-FR"));
c("Intl.PluralRules", () => { const p = new Intl.PluralRules("en-US"); const o = new Intl.PluralRules("en-US", { type: "ordinal" }); return [0, 1, 2].map((n) => p.select(n)).join() + " " + [1, 2, 3, 4, 11].map((n) => o.select(n)).join(); });
c("Intl.Collator", () => ["b", "a", "B", "ä", "z"].sort(new Intl.Collator("de").compare).join());
c("localeCompare", () => ["a", "B", "c", "A"].sort((x, y) => x.localeCompare(y)).join());
c("localeCompare numeric", () => ["x10", "x9", "x1"].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).join());
c("toLocaleUpperCase tr", () => "istanbul".toLocaleUpperCase("tr-TR"));
c("toLocaleLowerCase tr", () => "I".toLocaleLowerCase("tr"));
c("Intl.RelativeTimeFormat", () => new Intl.RelativeTimeFormat("en", { numeric: "auto" }).format(-1, "day") + " | " + new Intl.RelativeTimeFormat("en").format(3, "hours"));
c("Intl.ListFormat", () => new Intl.ListFormat("en", { style: "long", type: "conjunction" }).format(["a", "b", "c"]));
c("Intl.Segmenter graphemes", () => [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment("e\u0301👨‍👩‍👧x")].length);
c("Intl.Segmenter words", () => JSON.stringify([...new Intl.Segmenter("en", { granularity: "word" }).segment("Hello, world!")].filter((s) => s.isWordLike).map((s) => s.segment)));
c("Intl.Locale", () => { const l = new Intl.Locale("en-Latn-US", { calendar: "gregory" }); return [l.language, l.script, l.region, l.baseName, l.toString()].join(" "); });
c("Intl.DisplayNames", () => new Intl.DisplayNames(["en"], { type: "region" }).of("DE") + " " + new Intl.DisplayNames(["en"], { type: "language" }).of("fr"));
c("Intl.getCanonicalLocales", () => Intl.getCanonicalLocales(["EN-us", "zh-hant-tw"]).join());
c("Intl.supportedValuesOf", () => Intl.supportedValuesOf("currency").includes("EUR"));
c("Intl.DateTimeFormat().resolvedOptions().timeZone", () => typeof Intl.DateTimeFormat().resolvedOptions().timeZone);
c("Error cause", () => new Error("x", { cause: 1 }).cause);
c("error.stack is string", () => typeof new Error("x").stack);
c("Array.prototype.findLast", () => [1, 2, 3].findLast((x) => x < 3));
c("Array.prototype.at", () => [1, 2, 3].at(-1));
c("Object.hasOwn", () => Object.hasOwn({ a: 1 }, "a"));
c("String.prototype.replaceAll", () => "a.b.c".replaceAll(".", "/"));
c("String.prototype.at", () => "abc".at(-1));
c("RegExp named groups", () => "2024-03".replace(/(?<y>\d+)-(?<m>\d+)/, "$<m>/$<y>"));
c("RegExp lookbehind", () => "$10 €20".match(/(?<=\$)\d+/)[0]);
c("RegExp unicode props", () => /\p{Script=Greek}/u.test("α"));
c("RegExp v flag", () => /[\p{L}--[a-z]]/v.test("A"));
c("Array.prototype.toSorted", () => [3, 1, 2].toSorted().join());
c("Object.groupBy", () => JSON.stringify(Object.groupBy([1, 2, 3], (x) => (x % 2 ? "odd" : "even"))));
c("Promise.withResolvers", () => typeof Promise.withResolvers().resolve);
c("Set methods", () => [...new Set([1, 2]).union(new Set([3]))].join());
c("Iterator helpers", () => [1, 2, 3].values().map((x) => x * 2).toArray().join());
c("BigInt", () => (2n ** 64n).toString() + " " + BigInt.asUintN(8, 257n));
c("Number toFixed", () => (1.005).toFixed(2) + " " + (123.456).toPrecision(4) + " " + (1e21).toString() + " " + (0.000001234).toString());
c("JSON.stringify", () => JSON.stringify({ a: [1, "x", null, undefined, () => 1], b: "\u2028\ud800", c: new Date(0) }));
c("JSON.parse reviver", () => JSON.stringify(JSON.parse('{"a":[1,2]}', (k, v) => (typeof v === "number" ? v * 2 : v))));
c("WeakRef", () => { const o = {}; return new WeakRef(o).deref() === o; });
c("ArrayBuffer resize", () => { const b = new ArrayBuffer(2, { maxByteLength: 8 }); b.resize(6); return b.byteLength + " " + b.resizable; });
c("ArrayBuffer transfer", () => { const b = new ArrayBuffer(4); const t = b.transfer(8); return b.detached + " " + t.byteLength; });
c("TypedArray toReversed", () => new Uint8Array([1, 2]).toReversed().join());
c("console methods", () => ["log", "info", "warn", "error", "debug", "trace", "table", "dir", "time", "timeEnd", "count", "assert", "group", "groupEnd"].filter((m) => typeof console[m] === "function").join());
c("eval", () => eval("1 + 1"));
c("new Function", () => new Function("a", "return a * 2")(21));
c("String.raw + template", () => String.raw`a\n${1}`);

// asynchronous checks: a function returning a promise
c("queueMicrotask then timeout", () => new Promise((res) => { const o = []; setTimeout(() => { o.push("t"); res(o.join()); }, 0); queueMicrotask(() => o.push("m")); Promise.resolve().then(() => o.push("p")); }));
c("setImmediate", () => new Promise((res) => setImmediate(() => res("ran"))));
c("MessageChannel", () => new Promise((res) => { const ch = new MessageChannel(); ch.port2.onmessage = (e) => { res(JSON.stringify(e.data)); ch.port1.close(); ch.port2.close(); }; ch.port1.postMessage({ a: [1] }); }));
c("Blob text/arrayBuffer", async () => { const b = new Blob(["héllo"]); return (await b.text()) + " " + (await b.arrayBuffer()).byteLength + " " + (await b.bytes()).length; });
c("Blob stream", async () => { let n = 0; for await (const ch of new Blob(["abc"]).stream()) n += ch.length; return n; });
c("Response text/json/arrayBuffer", async () => [await new Response("t").text(), JSON.stringify(await new Response('{"a":1}').json()), (await new Response("abc").arrayBuffer()).byteLength].join(" "));
c("Response body used twice", async () => { const r = new Response("x"); await r.text(); return r.text(); });
c("Response blob", async () => { const b = await new Response("xyz", { headers: { "content-type": "text/x" } }).blob(); return b.size + " " + b.type; });
c("Response formData", async () => { const f = await new Response(new URLSearchParams("a=1&b=2")).formData(); return [...f.keys()].join(); });
c("Request json", async () => JSON.stringify(await new Request("http://x/", { method: "POST", body: '{"k":2}' }).json()));
c("Response from stream", async () => new Response(new ReadableStream({ start(ctl) { ctl.enqueue(new TextEncoder().encode("streamed")); ctl.close(); } })).text());
c("ReadableStream read", async () => { const rs = new ReadableStream({ start(c2) { c2.enqueue(1); c2.enqueue(2); c2.close(); } }); const r = rs.getReader(); const a = await r.read(), b = await r.read(), d = await r.read(); return JSON.stringify([a, b, d]); });
c("ReadableStream.from", async () => { const out = []; for await (const x of ReadableStream.from([1, 2, 3])) out.push(x); return out.join(); });
c("ReadableStream tee", async () => { const [a, b] = ReadableStream.from(["x", "y"]).tee(); const ra = [], rb = []; for await (const v of a) ra.push(v); for await (const v of b) rb.push(v); return ra.join() + "|" + rb.join(); });
c("TransformStream pipeThrough", async () => { const ts = new TransformStream({ transform(ch, ctl) { ctl.enqueue(ch.toUpperCase()); } }); const out = []; for await (const x of ReadableStream.from(["a", "b"]).pipeThrough(ts)) out.push(x); return out.join(); });
c("WritableStream", async () => { const got = []; const ws = new WritableStream({ write(ch) { got.push(ch); } }); const w = ws.getWriter(); await w.write("a"); await w.write("b"); await w.close(); return got.join(); });
c("pipeTo", async () => { const got = []; await ReadableStream.from([1, 2]).pipeTo(new WritableStream({ write(x) { got.push(x); } })); return got.join(); });
c("TextDecoderStream", async () => { const out = []; for await (const s of ReadableStream.from([new Uint8Array([0xe2, 0x82]), new Uint8Array([0xac])]).pipeThrough(new TextDecoderStream())) out.push(s); return out.join("|"); });
c("TextEncoderStream", async () => { const out = []; for await (const s of ReadableStream.from(["€"]).pipeThrough(new TextEncoderStream())) out.push(...s); return out.join(); });
c("CompressionStream gzip roundtrip", async () => { const data = new TextEncoder().encode("hello ".repeat(100)); const z = await new Response(new Blob([data]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer(); const back = await new Response(new Blob([z]).stream().pipeThrough(new DecompressionStream("gzip"))).text(); return back.length + " " + (z.byteLength < 100); });
c("CompressionStream deflate-raw bytes", async () => { const z = new Uint8Array(await new Response(new Blob(["aaaaaaaaaa"]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer()); return Array.from(z).join(); });
c("DecompressionStream bad data", async () => new Response(new Blob([new Uint8Array([1, 2, 3, 4])]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
c("CompressionStream bad format", () => new CompressionStream("brotli"));
c("fetch data: URL", async () => { const r = await fetch("data:text/plain;base64,aGVsbG8="); return r.status + " " + r.headers.get("content-type") + " " + (await r.text()); });
c("fetch invalid URL", async () => fetch("not a url"));
c("crypto.subtle.digest", async () => Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode("abc")))).map((b) => b.toString(16).padStart(2, "0")).join(""));
c("crypto.subtle HMAC", async () => { const k = await crypto.subtle.importKey("raw", new TextEncoder().encode("key"), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]); const s = new Uint8Array(await crypto.subtle.sign("HMAC", k, new TextEncoder().encode("msg"))); return Array.from(s.slice(0, 8)).join() + " " + (await crypto.subtle.verify("HMAC", k, s, new TextEncoder().encode("msg"))); });
c("crypto.subtle AES-GCM", async () => { const k = await crypto.subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["encrypt", "decrypt"]); const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, k, new Uint8Array([1, 2, 3])); return Array.from(new Uint8Array(ct)).join() + " " + Array.from(new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, k, ct))).join(); });
c("crypto.subtle PBKDF2", async () => { const k = await crypto.subtle.importKey("raw", new TextEncoder().encode("pw"), "PBKDF2", false, ["deriveBits"]); return Array.from(new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", salt: new TextEncoder().encode("salt"), iterations: 1000, hash: "SHA-256" }, k, 128))).join(); });
c("crypto.subtle Ed25519", async () => { const kp = await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]); const sig = await crypto.subtle.sign("Ed25519", kp.privateKey, new Uint8Array([1])); return sig.byteLength + " " + (await crypto.subtle.verify("Ed25519", kp.publicKey, sig, new Uint8Array([1]))) + " " + kp.publicKey.algorithm.name; });
c("crypto.subtle ECDSA jwk", async () => { const kp = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]); const j = await crypto.subtle.exportKey("jwk", kp.publicKey); return Object.keys(j).sort().join() + " " + j.crv; });
c("crypto.subtle bad algorithm", async () => crypto.subtle.digest("MD5", new Uint8Array(1)));
c("crypto.subtle wrapKey", async () => { const kek = await crypto.subtle.generateKey({ name: "AES-KW", length: 128 }, false, ["wrapKey", "unwrapKey"]); const k = await crypto.subtle.generateKey({ name: "AES-GCM", length: 128 }, true, ["encrypt"]); return (await crypto.subtle.wrapKey("raw", k, kek, "AES-KW")).byteLength; });
c("AbortSignal.timeout", () => new Promise((res) => { const s = AbortSignal.timeout(5); const t = setTimeout(() => res("did not fire"), 2000); s.onabort = () => { clearTimeout(t); res(s.reason.name); }; }));
c("reportError", () => { reportError(new Error("reported")); return "no throw"; });

(async () => {
  for (const [name, fn] of checks) {
    let out;
    try {
      out = describe(await fn());
    } catch (e) {
      out = "throws " + (e && e.name) + ": " + (e && e.message);
    }
    console.log(name + " => " + out.replace(/\n/g, "\\n"));
  }
})();

function describe(v) {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "object" && v !== null) return Object.prototype.toString.call(v);
  return typeof v === "bigint" ? v + "n" : String(v);
}
