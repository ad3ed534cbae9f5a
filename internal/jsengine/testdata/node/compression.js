// CompressionStream and DecompressionStream: round trips, node's own
// compressed bytes (recorded from node's zlib), chunking, errors.
const show = async (label, f) => {
  try { console.log(label, '=>', await f()); } catch (e) { console.log(label, '=>', e.name, e.code, e.errno, e.message); }
};
const b64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const hex = (u) => Array.from(u, (b) => b.toString(16).padStart(2, '0')).join('');
const concat = (chunks) => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
};
async function run(stream, inputs, { close = true } = {}) {
  const w = stream.writable.getWriter();
  for (const i of inputs) w.write(i).catch(() => {});
  if (close) w.close().catch(() => {});
  const chunks = [];
  for await (const c of stream.readable) chunks.push(c);
  return chunks;
}
const text = 'The quick brown fox jumps over the lazy dog. '.repeat(20) + 'héllo wörld ✓';
const gz = 'H4sIAAAAAAAAAwvJSFUoLM1MzlZIKsovz1NIy69QyCrNLShWyC9LLVIoyUhVyEmsqlRIyU/XUwgZVTyqeFQxtRVnHF6Zk5OvUH54W1FOisKjOZMBEc449pUDAAA=';
const df = 'eJwLyUhVKCzNTM5WSCrKL89TSMuvUMgqzS0oVsgvSy1SKMlIVchJrKpUSMlP11MIGVU8qnhUMbUVZxxemZOTr1B+eFtRTorCozmTAQl/S7o=';
const raw = 'C8lIVSgszUzOVkgqyi/PU0jLr1DIKs0tKFbIL0stUijJSFXISayqVEjJT9dTCBlVPKp4VDG1FWccXpmTk69QfnhbUU6KwqM5kwE=';
const multi = 'H4sIAAAAAAAAA8vPS9UBAGItGioEAAAAH4sIAAAAAAAAAyspzwcAZorKEQMAAAA=';
const dec = new TextDecoder();
(async () => {
  for (const f of ['gzip', 'deflate', 'deflate-raw']) {
    await show(`round trip ${f}`, async () => {
      const packed = concat(await run(new CompressionStream(f), [new TextEncoder().encode(text.slice(0, 300)), text.slice(300)]));
      const back = concat(await run(new DecompressionStream(f), [packed]));
      return [dec.decode(back) === text, back.length, packed.length < back.length];
    });
  }
  await show('gzip header', async () => hex(concat(await run(new CompressionStream('gzip'), ['x']))).slice(0, 20));
  await show('zlib header', async () => hex(concat(await run(new CompressionStream('deflate'), ['x']))).slice(0, 4));
  await show('empty gzip round trip', async () => (await run(new DecompressionStream('gzip'), [concat(await run(new CompressionStream('gzip'), []))])).length);
  for (const [f, data] of [['gzip', gz], ['deflate', df], ['deflate-raw', raw]]) {
    await show(`node's ${f}`, async () => dec.decode(concat(await run(new DecompressionStream(f), [b64(data)]))) === text);
    await show(`node's ${f} byte by byte`, async () => {
      const d = b64(data);
      const chunks = await run(new DecompressionStream(f), Array.from(d, (b) => new Uint8Array([b])));
      return [dec.decode(concat(chunks)) === text, chunks.every((c) => c instanceof Uint8Array)];
    });
  }
  await show('gzip members', async () => dec.decode(concat(await run(new DecompressionStream('gzip'), [b64(multi)]))));
  await show('chunk sizes', async () => {
    const big = 'abcdefghij'.repeat(20000);
    const packed = concat(await run(new CompressionStream('gzip'), [big]));
    return (await run(new DecompressionStream('gzip'), [packed])).map((c) => c.length).join(' ');
  });
  await show('typed chunks', async () => {
    const packed = concat(await run(new CompressionStream('deflate-raw'), [new Uint16Array([0x6968]), new DataView(new Uint8Array([33, 33, 33]).buffer, 1, 2)]));
    return dec.decode(concat(await run(new DecompressionStream('deflate-raw'), [packed])));
  });
  // errors
  await show('bad gzip', () => run(new DecompressionStream('gzip'), [new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])]));
  await show('truncated gzip', () => run(new DecompressionStream('gzip'), [b64(gz).subarray(0, 40)]));
  await show('gzip junk after', () => run(new DecompressionStream('gzip'), [concat([b64(gz), new Uint8Array([106, 117, 110, 107])])]));
  await show('gzip bad crc', () => { const d = b64(gz); d[d.length - 6] ^= 1; return run(new DecompressionStream('gzip'), [d]); });
  await show('deflate junk after', async () => dec.decode(concat(await run(new DecompressionStream('deflate'), [b64(df), new Uint8Array([1, 2, 3])]))).length);
  await show('deflate bad adler', () => { const d = b64(df); d[d.length - 1] ^= 1; return run(new DecompressionStream('deflate'), [d]); });
  await show('deflate truncated', () => run(new DecompressionStream('deflate'), [b64(df).subarray(0, 5)]));
  await show('deflate of raw', () => run(new DecompressionStream('deflate'), [b64(raw)]));
  await show('raw junk after', async () => (await run(new DecompressionStream('deflate-raw'), [concat([b64(raw), new Uint8Array([120])])])).length);
  await show('empty gzip', () => run(new DecompressionStream('gzip'), []));
  await show('empty deflate', () => run(new DecompressionStream('deflate'), [new Uint8Array(0)]));
  await show('empty raw', () => run(new DecompressionStream('deflate-raw'), []));
  await show('string into gzip', () => run(new DecompressionStream('gzip'), ['abc']));
  for (const v of [null, undefined, {}, [1, 2], true, 1n, Symbol('s'), 42]) {
    await show(`chunk ${typeof v}`, () => new CompressionStream('deflate').writable.getWriter().write(v));
  }
  for (const f of ['foo', 'GZIP', undefined, 1, 'br', ' gzip']) {
    await show(`format ${String(f)}`, () => new CompressionStream(f));
    await show(`format ${String(f)} (decompress)`, () => new DecompressionStream(f));
  }
  await show('no new', () => { try { CompressionStream('gzip'); } catch (e) { return e.name; } });
  await show('this', () => Reflect.get(CompressionStream.prototype, 'readable', {}));
  await show('this (decompress)', () => Reflect.get(DecompressionStream.prototype, 'writable', new CompressionStream('gzip')));
  // cancel and abort
  await show('cancel', async () => {
    const d = new DecompressionStream('gzip');
    await d.readable.getReader().cancel('why');
    return d.writable.getWriter().write(new Uint8Array([31]));
  });
  await show('abort', async () => {
    const d = new DecompressionStream('gzip');
    const w = d.writable.getWriter();
    await w.write(b64(gz).subarray(0, 20));
    await w.abort('boom');
    return d.readable.getReader().read();
  });
  await show('pipeThrough', async () => {
    const out = ReadableStream.from([text]).pipeThrough(new CompressionStream('gzip')).pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream());
    let s = '';
    for await (const c of out) s += c;
    return s === text;
  });
  await show('inspect', () => new CompressionStream('gzip'));
  await show('inspect (decompress)', () => new DecompressionStream('deflate'));
  await show('tags', () => [String(new CompressionStream('gzip')), String(new DecompressionStream('gzip'))]);
  await show('shape', () => [Object.getOwnPropertyNames(CompressionStream.prototype), CompressionStream.length, DecompressionStream.length,
    Object.getOwnPropertyDescriptor(DecompressionStream.prototype, 'readable').enumerable, Object.keys(new CompressionStream('gzip'))]);
})();
