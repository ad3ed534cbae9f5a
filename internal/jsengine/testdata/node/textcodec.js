// TextEncoder / TextDecoder (UTF-8).
const hex = (u8) => Array.from(u8, (b) => b.toString(16).padStart(2, '0')).join(' ');
const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');
const enc = new TextEncoder();
console.log(enc.encoding, Object.prototype.toString.call(enc));
for (const s of ['', 'abc', 'é', '€', '😀', 'a\u0000b', '\ud800', 'x\udc00y', '\udbff\udfff', '\ud83d', 'mixed ü € 😀 end']) {
  const out = enc.encode(s);
  console.log(JSON.stringify(s), out.constructor.name, out.length, hex(out));
}
console.log(hex(enc.encode()), hex(enc.encode(undefined)), hex(enc.encode(123)), hex(enc.encode(null)));

for (const [s, size] of [['abc', 10], ['abc', 2], ['€uro', 2], ['€uro', 3], ['😀x', 3], ['😀x', 4], ['😀x', 5], ['\ud800z', 3], ['', 1]]) {
  const dest = new Uint8Array(size);
  const r = enc.encodeInto(s, dest);
  console.log('encodeInto', JSON.stringify(s), size, JSON.stringify(r), hex(dest));
}
try { enc.encodeInto('x', []); } catch (e) { console.log(e.name, e.code); }

const dec = new TextDecoder();
console.log(dec.encoding, dec.fatal, dec.ignoreBOM);
for (const label of ['utf8', ' UTF-8 ', 'unicode-1-1-utf-8', 'Utf8']) console.log(JSON.stringify(label), new TextDecoder(label).encoding);
const cases = [
  [], [0x61, 0x62], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80],
  [0xff], [0x80], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc0, 0x80], [0xc1, 0xbf],
  [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xed, 0x9f, 0xbf], [0xf4, 0x90, 0x80, 0x80],
  [0xf5, 0x80], [0xf0, 0x80, 0x80, 0x80], [0x61, 0xf1, 0x80, 0x80, 0xe1, 0x80, 0xc2, 0x62, 0x80, 0x63, 0x80, 0xbf, 0x64],
  [0xef, 0xbb, 0xbf, 0x61], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], [0xfe, 0xff], [0xe2, 0x28, 0xa1],
];
for (const c of cases) {
  const s = dec.decode(new Uint8Array(c));
  let fatal;
  try {
    fatal = codes(new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(c)));
  } catch (e) {
    fatal = `${e.name} ${e.code} ${e.message}`;
  }
  console.log(hex(c), '->', codes(s), '| ignoreBOM:', codes(new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(c))), '| fatal:', fatal);
}
// Inputs of every buffer kind.
const bytes = new Uint8Array([0x68, 0x69, 0x21, 0x21]);
console.log(dec.decode(bytes.buffer), dec.decode(new DataView(bytes.buffer, 1, 2)), dec.decode(new Uint16Array(bytes.buffer)), dec.decode(bytes.subarray(2)), JSON.stringify(dec.decode()));
try { dec.decode('str'); } catch (e) { console.log(e.name, e.code); }
try { new TextDecoder('nope'); } catch (e) { console.log(e.name, e.code, e.message); }

// Streaming across chunk boundaries, one byte at a time.
const all = enc.encode('\ufeffa€😀é\ufeffz');
const sd = new TextDecoder();
let out = '';
for (const b of all) out += sd.decode(new Uint8Array([b]), { stream: true });
out += sd.decode();
console.log('stream', codes(out));
const sd2 = new TextDecoder();
console.log('split', codes(sd2.decode(new Uint8Array([0xf0, 0x9f]), { stream: true })), codes(sd2.decode(new Uint8Array([0x98, 0x80, 0xe2]), { stream: true })), codes(sd2.decode(new Uint8Array([0x82]))));
console.log('reuse after flush', codes(sd2.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))));
const sd3 = new TextDecoder('utf-8', { fatal: true });
console.log('fatal stream', codes(sd3.decode(new Uint8Array([0xe2, 0x82]), { stream: true })));
try { sd3.decode(); } catch (e) { console.log('fatal flush', e.name); }
console.log('after fatal', codes(sd3.decode(new Uint8Array([0x41]))));
// Long inputs go through the chunked paths.
const long = 'ab€😀'.repeat(5000) + 'x'.repeat(20000);
const rt = dec.decode(enc.encode(long));
console.log('long roundtrip', rt === long, rt.length, enc.encode(long).length);
