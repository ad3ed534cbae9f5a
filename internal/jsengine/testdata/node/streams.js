// Web Streams (default streams): reading, backpressure, tee, pipes,
// transforms, strategies, errors.
const show = async (label, f) => {
  try { console.log(label, '=>', await f()); } catch (e) { console.log(label, '=>', e.name, e.code, e.message); }
};
const collect = async (rs) => { const out = []; for await (const c of rs) out.push(c); return out; };
(async () => {
  await show('basic', () => collect(new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); } })));
  await show('pull', () => { let i = 0; return collect(new ReadableStream({ pull(c) { if (i < 3) c.enqueue(i++); else c.close(); } })); });
  await show('async pull', () => { let i = 0; return collect(new ReadableStream({ async pull(c) { await null; if (i < 3) c.enqueue('x' + i++); else c.close(); } })); });
  await show('desiredSize', () => { const o = []; new ReadableStream({ start(c) { o.push(c.desiredSize); c.enqueue('a'); o.push(c.desiredSize); c.close(); o.push(c.desiredSize); } }, { highWaterMark: 2 }); return o; });
  await show('pull calls', async () => { let n = 0; const rs = new ReadableStream({ pull(c) { n++; c.enqueue(n); } }, { highWaterMark: 3 }); await new Promise((r) => setTimeout(r, 0)); return n; });
  await show('reader', async () => { const r = new ReadableStream({ start(c) { c.enqueue('a'); c.close(); } }).getReader(); return [await r.read(), await r.read(), await r.closed]; });
  await show('locked', () => { const rs = new ReadableStream(); rs.getReader(); return rs.getReader(); });
  await show('locked flag', () => { const rs = new ReadableStream(); const a = rs.locked; const r = rs.getReader(); const b = rs.locked; r.releaseLock(); return [a, b, rs.locked]; });
  await show('cancel locked', () => { const rs = new ReadableStream(); rs.getReader(); return rs.cancel(); });
  await show('enqueue closed', () => { let c; new ReadableStream({ start(x) { c = x; } }); c.close(); c.enqueue(1); });
  await show('close twice', () => { let c; new ReadableStream({ start(x) { c = x; } }); c.close(); c.close(); });
  await show('release read', async () => { const r = new ReadableStream().getReader(); const p = r.read(); r.releaseLock(); return p; });
  await show('error', async () => { const r = new ReadableStream({ start(c) { c.error(new Error('boom')); } }).getReader(); try { await r.read(); } catch (e) { return e.message; } });
  await show('start throws', () => new ReadableStream({ start() { throw new Error('s'); } }));
  await show('cancel', async () => { let why; const rs = new ReadableStream({ cancel(r) { why = r; } }); await rs.cancel('because'); return why; });
  await show('bad type', () => new ReadableStream({ type: 'x' }));
  await show('bad hwm', () => new ReadableStream({}, { highWaterMark: -1 }));
  await show('from array', () => collect(ReadableStream.from([1, 2, 3])));
  await show('from async gen', () => collect(ReadableStream.from((async function* () { yield 'a'; yield 'b'; })())));
  await show('from bad', () => ReadableStream.from(1));
  await show('break cancels', async () => { let canceled = false; const rs = new ReadableStream({ pull(c) { c.enqueue(1); }, cancel() { canceled = true; } }); for await (const x of rs) break; return [canceled, rs.locked]; });
  await show('tee', async () => { const [a, b] = ReadableStream.from(['x', 'y']).tee(); return [await collect(a), await collect(b)]; });
  await show('inspect', () => new ReadableStream());
  await show('writable', async () => {
    const got = [];
    const ws = new WritableStream({ write(c) { got.push(c); }, close() { got.push('closed'); } });
    const w = ws.getWriter();
    await w.write(1); await w.write(2); await w.close();
    return [got, ws.locked];
  });
  await show('ws locked', () => { const w = new WritableStream(); w.getWriter(); return w.getWriter(); });
  await show('ws backpressure', async () => {
    const ws = new WritableStream({ write() { return new Promise((r) => setTimeout(r, 1)); } }, { highWaterMark: 2 });
    const w = ws.getWriter();
    const o = [w.desiredSize];
    w.write('a'); o.push(w.desiredSize); w.write('b'); o.push(w.desiredSize); w.write('c'); o.push(w.desiredSize);
    await w.ready; o.push(w.desiredSize);
    await w.close();
    return o;
  });
  await show('ws write error', async () => { const w = new WritableStream({ write() { throw new Error('nope'); } }).getWriter(); try { await w.write(1); } catch (e) { return [e.message, await w.closed.catch((x) => x.message)]; } });
  await show('ws abort', async () => { let why; const ws = new WritableStream({ abort(r) { why = r; } }); await ws.abort('stop'); return why; });
  await show('ws write after close', async () => { const w = new WritableStream().getWriter(); w.close(); return w.write(1); });
  await show('ws inspect', () => new WritableStream());
  await show('transform', () => collect(ReadableStream.from(['a', 'b']).pipeThrough(new TransformStream({ transform(c, ctl) { ctl.enqueue(c.toUpperCase()); ctl.enqueue(c); }, flush(ctl) { ctl.enqueue('end'); } }))));
  await show('identity', () => collect(ReadableStream.from([1, 2]).pipeThrough(new TransformStream())));
  await show('pipeTo', async () => { const got = []; await ReadableStream.from([1, 2, 3]).pipeTo(new WritableStream({ write(c) { got.push(c); } })); return got; });
  await show('pipeTo preventClose', async () => { const got = []; const ws = new WritableStream({ write(c) { got.push(c); }, close() { got.push('close'); } }); await ReadableStream.from([1]).pipeTo(ws, { preventClose: true }); return [got, ws.locked]; });
  await show('pipeTo source error', async () => { let aborted; const rs = new ReadableStream({ start(c) { c.enqueue(1); c.error(new Error('src')); } }); try { await rs.pipeTo(new WritableStream({ abort(r) { aborted = r.message; } })); } catch (e) { return [e.message, aborted]; } });
  await show('pipeTo dest error', async () => { let canceled; const rs = new ReadableStream({ pull(c) { c.enqueue(1); }, cancel(r) { canceled = r.message; } }); try { await rs.pipeTo(new WritableStream({ write() { throw new Error('dst'); } })); } catch (e) { return [e.message, canceled]; } });
  await show('pipeTo signal', async () => { const ac = new AbortController(); const rs = new ReadableStream({ pull(c) { return new Promise((r) => setTimeout(() => { try { c.enqueue(1); } catch {} r(); }, 1)); } }); const p = rs.pipeTo(new WritableStream(), { signal: ac.signal }); setTimeout(() => ac.abort(new Error('stopped')), 5); try { await p; } catch (e) { return e.message; } });
  await show('transform error', async () => { const ts = new TransformStream({ transform() { throw new Error('t'); } }); const w = ts.writable.getWriter(); const r = ts.readable.getReader(); w.write(1).catch(() => {}); try { await r.read(); } catch (e) { return e.message; } });
  await show('terminate', async () => collect(ReadableStream.from([1, 2, 3]).pipeThrough(new TransformStream({ transform(c, ctl) { ctl.enqueue(c); if (c === 2) ctl.terminate(); } }))).catch((e) => e.message));
  await show('strategies', () => { const c = new CountQueuingStrategy({ highWaterMark: 3 }); const b = new ByteLengthQueuingStrategy({ highWaterMark: 4 }); return [c.highWaterMark, c.size(), b.highWaterMark, b.size(new Uint8Array(5)), Object.prototype.toString.call(c)]; });
  await show('strategy arg', () => new CountQueuingStrategy());
  await show('byte strategy stream', async () => { const o = []; const rs = new ReadableStream({ start(c) { c.enqueue(new Uint8Array(3)); o.push(c.desiredSize); } }, new ByteLengthQueuingStrategy({ highWaterMark: 10 })); return o; });
  await show('tags', () => [new ReadableStream(), new WritableStream(), new TransformStream()].map((x) => Object.prototype.toString.call(x)));
})();
