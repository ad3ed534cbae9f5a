// TextEncoderStream, TextDecoderStream and Blob#stream.
const show = async (label, f) => {
  try { console.log(label, '=>', await f()); } catch (e) { console.log(label, '=>', e.name, e.code, e.message); }
};
const collect = async (rs) => { const out = []; for await (const c of rs) out.push(c); return out; };
(async () => {
  await show('encoder', () => collect(ReadableStream.from(['a', '\ud83d', '\ude00b', 1]).pipeThrough(new TextEncoderStream())));
  await show('encoder lone', () => collect(ReadableStream.from(['a\ud83d']).pipeThrough(new TextEncoderStream())));
  await show('decoder', () => collect(ReadableStream.from([new Uint8Array([0x68, 0xc3]), new Uint8Array([0xa9, 0xf0, 0x9f]), new Uint8Array([0x98, 0x80])]).pipeThrough(new TextDecoderStream())));
  await show('decoder tail', () => collect(ReadableStream.from([new Uint8Array([0x68, 0xc3])]).pipeThrough(new TextDecoderStream())));
  await show('decoder fatal', () => collect(ReadableStream.from([new Uint8Array([0xff])]).pipeThrough(new TextDecoderStream('utf-8', { fatal: true }))));
  await show('decoder props', () => { const d = new TextDecoderStream('utf8', { fatal: true }); return [d.encoding, d.fatal, d.ignoreBOM, new TextEncoderStream().encoding]; });
  await show('decoder label', () => new TextDecoderStream('nope'));
  await show('blob stream', async () => (await collect(new Blob(['abc']).stream())).map((c) => [c.constructor.name, [...c]]));
  await show('blob stream empty', () => collect(new Blob([]).stream()));
  await show('tags', () => [Object.prototype.toString.call(new TextEncoderStream()), Object.prototype.toString.call(new TextDecoderStream())]);
})();
