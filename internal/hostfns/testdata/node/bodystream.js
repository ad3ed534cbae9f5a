// Response/Request bodies as streams: .body, bodies made from streams, tee on clone.
const t = async (l, f) => {
  try { console.log(l, '=>', await f()); } catch (e) { console.log(l, '=>', e.name, e.code, e.message); }
};
const collect = async (rs) => { const out = []; for await (const c of rs) out.push(...c); return out; };
const enc = (s) => new TextEncoder().encode(s);
async function main() {
  await t('null body', () => [new Response(null).body, new Request('http://a/').body]);
  await t('body', async () => { const r = new Response('abc'); const b = r.body; return [b instanceof ReadableStream, r.bodyUsed, b === r.body, await collect(b), r.bodyUsed]; });
  await t('body then text', async () => { const r = new Response('abc'); await collect(r.body); return r.text(); });
  await t('body untouched then text', async () => { const r = new Response('abc'); r.body; return [await r.text(), r.bodyUsed]; });
  await t('body locked', async () => { const r = new Response('abc'); r.body.getReader(); return r.text(); });
  await t('from stream', async () => { const r = new Response(ReadableStream.from([enc('he'), enc('llo')])); return [r.headers.get('content-type'), await r.text(), r.bodyUsed]; });
  await t('from stream json', () => new Response(ReadableStream.from([enc('{"a"'), enc(':1}')])).json());
  await t('from stream non-bytes', () => new Response(ReadableStream.from(['x'])).text());
  await t('from stream clone', async () => { const r = new Response(ReadableStream.from([enc('x'), enc('y')])); const c = r.clone(); return [await r.text(), await c.text()]; });
  await t('from locked stream', () => { const s = new ReadableStream(); s.getReader(); return new Response(s); });
  await t('stream body pipe', async () => collect(new Response('ab').body.pipeThrough(new TextDecoderStream()).pipeThrough(new TextEncoderStream())));
  await t('request stream no duplex', () => new Request('http://a/', { method: 'POST', body: new ReadableStream() }));
  await t('request stream', async () => { const r = new Request('http://a/', { method: 'POST', body: ReadableStream.from([enc('q')]), duplex: 'half' }); return [await r.text(), r.bodyUsed]; });
  await t('request body', async () => { const r = new Request('http://a/', { method: 'POST', body: 'zz' }); return collect(r.body); });
  await t('byte bodies', () => [new Response('x').body, new Request('http://a/', { method: 'POST', body: 'y' }).body, new Response(new Blob(['z'])).body]);
  await t('body byob', async () => { const r = new Response('hello').body.getReader({ mode: 'byob' }); return [await r.read(new Uint8Array(2)), await r.read(new Uint8Array(8), { min: 3 }), await r.read(new Uint8Array(1))]; });
  await t('clone byte body', async () => { const r = new Response('ab'); const c = r.clone(); return [r.body, c.body, await c.text(), await r.text()]; });
  await t('blob via body', async () => { const b = await new Response(new Blob(['k'], { type: 'a/b' }).stream()).blob(); return [b.size, b.type]; });
}
const done = main();
