// Byte streams: type 'bytes', BYOB readers and requests, autoAllocateChunkSize,
// read(view, { min }), tee, errors. (Detaching is left out: the engine cannot
// detach an ArrayBuffer, see prelude/70-streams.js.)
const show = async (label, f) => { try { console.log(label, '=>', await f()); } catch (e) { console.log(label, '=>', e.name, e.code, e.message); } };
(async () => {
  await show('min', async () => { const s = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1])); }, pull(c) { c.enqueue(new Uint8Array([2,3])); c.close(); } }); const r = s.getReader({ mode: 'byob' }); return [await r.read(new Uint8Array(3), { min: 3 }), await r.read(new Uint8Array(1))]; });
  await show('no view', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read());
  await show('empty view', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read(new Uint8Array(0)));
  await show('byob on default', () => new ReadableStream().getReader({ mode: 'byob' }));
  await show('bad mode', () => new ReadableStream().getReader({ mode: 'x' }));
  await show('bad type', () => new ReadableStream({ type: 'x' }));
  await show('enqueue non view', () => new ReadableStream({ type: 'bytes', start(c) { c.enqueue('x'); } }));
  await show('enqueue empty', () => new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array(0)); } }));
  await show('auto', async () => { let seen; const s = new ReadableStream({ type: 'bytes', autoAllocateChunkSize: 8, pull(c) { seen = [c.byobRequest.view.byteLength, c.byobRequest.view.constructor.name]; c.byobRequest.view[0] = 7; c.byobRequest.respond(1); c.close(); } }); const r = s.getReader(); return [await r.read(), seen, await r.read()]; });
  await show('respond 0', async () => { let err; const s = new ReadableStream({ type: 'bytes', pull(c) { try { c.byobRequest.respond(0); } catch (e) { err = [e.name, e.code, e.message]; } c.error(new Error('x')); } }); const r = s.getReader({ mode: 'byob' }); try { await r.read(new Uint8Array(4)); } catch (e) { return [err, e.message]; } });
  await show('close partial', async () => { const s = new ReadableStream({ type: 'bytes', pull(c) { c.byobRequest.view[0] = 1; c.byobRequest.respond(1); } }); const r = s.getReader({ mode: 'byob' }); const p = r.read(new Uint16Array(2)); return p; });
  await show('tee', async () => { const s = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([5, 6])); c.close(); } }); const [a, b] = s.tee(); const x = await a.getReader().read(); const y = await b.getReader({ mode: 'byob' }).read(new Uint8Array(1)); x.value[0] = 9; return [a, x, y]; });
  await show('inspect', () => [new ReadableStream({ type: 'bytes' }), new Blob(['x']).stream()]);
  await show('names', () => { const s = new ReadableStream({ type: 'bytes', start(c) { globalThis.bc = c; } }); const r = s.getReader({ mode: 'byob' }); return [String(r), String(bc), bc.byobRequest, typeof ReadableStreamBYOBReader, typeof ReadableByteStreamController, typeof ReadableStreamBYOBRequest, r.constructor.name, bc.desiredSize]; });
  await show('cancel pending', async () => { const s = new ReadableStream({ type: 'bytes' }); const r = s.getReader({ mode: 'byob' }); const p = r.read(new Uint8Array(2)); await r.cancel('x'); return p; });
  await show('close then byob', async () => { const s = new ReadableStream({ type: 'bytes', start(c) { c.close(); } }); const r = s.getReader({ mode: 'byob' }); return r.read(new Uint16Array(2)); });
  await show('dataview', async () => { const s = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1,2,3,4])); c.close(); } }); const r = s.getReader({ mode: 'byob' }); const x = await r.read(new DataView(new ArrayBuffer(3), 1)); return [x.value.constructor.name, x.value.byteOffset, x.value.byteLength]; });
  await show('u16 partial', async () => { const s = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1,2,3])); c.close(); } }); const r = s.getReader({ mode: 'byob' }); return [await r.read(new Uint16Array(4)), await r.read(new Uint8Array(4)).catch(e => e.message)]; });
  await show('respondWithNewView', async () => { const s = new ReadableStream({ type: 'bytes', pull(c) { const v = c.byobRequest.view; const nv = new Uint8Array(v.buffer, v.byteOffset, 2); nv.set([4, 5]); c.byobRequest.respondWithNewView(nv); c.close(); } }); const r = s.getReader({ mode: 'byob' }); return [await r.read(new Uint8Array(5)), await r.read(new Uint8Array(5))]; });
  await show('byob releaseLock', async () => { const s = new ReadableStream({ type: 'bytes' }); const r = s.getReader({ mode: 'byob' }); const p = r.read(new Uint8Array(2)); r.releaseLock(); try { await p } catch (e) { return [e.name, e.code, e.message, s.locked]; } });
  await show('from bytes async iter', async () => { const s = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1])); c.enqueue(new Uint8Array([2])); c.close(); } }); const out = []; for await (const x of s) out.push(x); return out; });
  await show('desiredSize', () => { let c; const s = new ReadableStream({ type: 'bytes', start(x) { c = x; } }, { highWaterMark: 10 }); c.enqueue(new Uint8Array(4)); return c.desiredSize; });
  await show('size strategy', () => new ReadableStream({ type: 'bytes' }, { size() { return 1; } }));
  await show('close pending', async () => { let c; const s = new ReadableStream({ type: 'bytes', start(x) { c = x; } }); const r = s.getReader({ mode: 'byob' }); const p = r.read(new Uint8Array(2)); c.close(); const t = await Promise.race([p, new Promise(r => setTimeout(() => r('hang'), 20))]); c.byobRequest && c.byobRequest.respond(0); return [t, await p]; });
  await show('respond too many', async () => { let err; const s = new ReadableStream({ type: 'bytes', pull(c) { try { c.byobRequest.respond(100); } catch (e) { err = [e.name, e.code, e.message]; } } }); const r = s.getReader({ mode: 'byob' }); r.read(new Uint8Array(4)).catch(()=>{}); await new Promise(r => setTimeout(r, 10)); return err; });
  await show('enqueue after close', () => { let c; new ReadableStream({ type: 'bytes', start(x) { c = x; } }); c.close(); c.enqueue(new Uint8Array(1)); });
  await show('close twice', () => { let c; new ReadableStream({ type: 'bytes', start(x) { c = x; } }); c.close(); c.close(); });
  await show('byob read non-view', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read([1]));
  await show('min too big', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read(new Uint8Array(2), { min: 3 }));
  await show('min 0', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read(new Uint8Array(2), { min: 0 }));
  await show('new BYOBReader default', () => new ReadableStreamBYOBReader(new ReadableStream()));
  await show('new controller', () => new ReadableByteStreamController());
  await show('auto 0', () => new ReadableStream({ type: 'bytes', autoAllocateChunkSize: 0 }));
  await show('pull enqueue with byob', async () => { const s = new ReadableStream({ type: 'bytes', pull(c) { c.enqueue(new Uint8Array([1,2,3,4,5])); } }); const r = s.getReader({ mode: 'byob' }); return [await r.read(new Uint8Array(2)), await r.read(new Uint8Array(2))]; });
  await show('after respond request null', async () => { let after; const s = new ReadableStream({ type: 'bytes', pull(c) { const q = c.byobRequest; q.view[0] = 1; q.respond(1); after = [c.byobRequest, q.view]; } }); const r = s.getReader({ mode: 'byob' }); await r.read(new Uint8Array(2)); return after; });
  await show('blob stream byob', async () => { const r = new Blob(['hello']).stream().getReader({ mode: 'byob' }); return [await r.read(new Uint8Array(3)), await r.read(new Uint8Array(3)), await r.read(new Uint8Array(3))]; });
  await show('globals', () => [ReadableStreamBYOBReader.name, ReadableStreamBYOBRequest.name, ReadableByteStreamController.name, Object.getOwnPropertyNames(ReadableStreamBYOBReader.prototype).sort(), Object.getOwnPropertyNames(ReadableByteStreamController.prototype).sort(), Object.getOwnPropertyNames(ReadableStreamBYOBRequest.prototype).sort()]);
})();
