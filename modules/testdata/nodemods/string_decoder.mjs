import { StringDecoder } from 'node:string_decoder';
import sd from 'string_decoder';
import { Buffer } from 'node:buffer';

const err = (f) => { try { f(); return 'no error'; } catch (e) { return `${e.name} ${e.code} ${e.message}`; } };
console.log(sd.StringDecoder === StringDecoder, new StringDecoder().encoding, new StringDecoder('UTF-8').encoding, new StringDecoder('ucs2').encoding, new StringDecoder('binary').encoding);
console.log(err(() => new StringDecoder('nope')));
const text = 'aé€𝄞z';
for (const enc of ['utf8', 'utf16le', 'base64', 'base64url', 'hex', 'latin1', 'ascii']) {
  const bytes = Buffer.from(text, enc === 'latin1' || enc === 'ascii' ? 'utf8' : enc === 'utf16le' ? 'utf16le' : 'utf8');
  for (const step of [1, 2, 3, 5]) {
    const d = new StringDecoder(enc);
    const parts = [];
    for (let i = 0; i < bytes.length; i += step) parts.push(d.write(bytes.subarray(i, i + step)));
    parts.push(d.end());
    console.log(enc, step, JSON.stringify(parts));
  }
}
const d = new StringDecoder('utf8');
console.log(JSON.stringify([d.write(Buffer.from([0xe2])), d.write(Buffer.from([0x82])), d.end()]));
console.log(JSON.stringify([d.write(Buffer.from([0xff, 0x41])), d.end(Buffer.from([0xf0, 0x9d])), d.write(Buffer.from('ok'))]));
const u = new StringDecoder('utf16le');
console.log(JSON.stringify([u.write(Buffer.from([0x61])), u.end()]));
console.log(JSON.stringify([new StringDecoder().write(new Uint8Array([104, 105])), new StringDecoder('hex').end(Buffer.from([1, 2]))]));
console.log(err(() => new StringDecoder().write(5)));
