// Request, Response (redirect, error, blob, formData) and bodies, compared
// with node by TestNodeParityWeb (node's stdout is request.out).
const t = async (l, f) => {
  try { console.log(l, '=>', await f()); } catch (e) { console.log(l, '=>', e.name, e.code, e.message); }
};
async function main() {
  await t('fd bad type', () => new Response('x', { headers: { 'content-type': 'text/plain' } }).formData());
  await t('fd no type', () => new Response('x').formData());
  await t('fd bad multipart', () => new Response('x', { headers: { 'content-type': 'multipart/form-data; boundary=abc' } }).formData());
  await t('used', async () => { const r = new Response('x'); await r.text(); return r.text(); });
  await t('used flag', async () => { const r = new Response('x'); const a = r.bodyUsed; await r.text(); return [a, r.bodyUsed]; });
  await t('null body used', async () => { const r = new Response(null); await r.text(); return [r.bodyUsed, await r.text()]; });
  await t('used clone', async () => { const r = new Response('x'); await r.text(); return r.clone(); });
  await t('clone', async () => { const r = new Response('x', { status: 201, headers: { a: 'b' } }); const c = r.clone(); return [await r.text(), await c.text(), c.status, c.headers.get('a')]; });
  await t('ctype str', () => new Response('x').headers.get('content-type'));
  await t('ctype blob', () => new Response(new Blob(['x'], { type: 'a/b' })).headers.get('content-type'));
  await t('ctype u8', () => new Response(new Uint8Array(1)).headers.get('content-type'));
  await t('ctype usp', () => new Response(new URLSearchParams('a=1')).headers.get('content-type'));
  await t('ctype kept', () => new Response('x', { headers: { 'content-type': 'a/b' } }).headers.get('content-type'));
  await t('ctype fd', () => { const f = new FormData(); f.append('a', 'b'); return /^multipart\/form-data; boundary=-+formdata-/.test(new Response(f).headers.get('content-type')); });
  await t('fd body', async () => {
    const f = new FormData();
    f.append('a', 'b\nc');
    f.append('f', new Blob(['xy'], { type: 't/x' }), 'n"\n.txt');
    const r = new Response(f);
    const boundary = r.headers.get('content-type').split('boundary=')[1];
    return (await r.text()).split(boundary).join('BOUNDARY');
  });
  await t('fd round trip', async () => {
    const f = new FormData();
    f.append('a', '1');
    f.append('a', 'h\u00e9');
    f.append('file', new File(['bytes\r\n--x'], 'x.bin', { type: 'application/x-thing' }));
    f.append('b', new Blob(['plain']));
    const g = await new Response(f).formData();
    const out = [];
    for (const [k, v] of g) out.push(k, typeof v === 'string' ? v : [v.constructor.name, v.name, v.type, await v.text()]);
    return JSON.stringify(out);
  });
  await t('fd urlencoded', async () => [...await new Response('a=1&b=%20x&a=3', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }).formData()]);
  await t('blob', async () => { const b = await new Response('xy', { headers: { 'content-type': 'Text/Plain' } }).blob(); return [b.type, b.size, b.constructor.name, await b.text()]; });
  await t('bytes', () => new Response('ab').bytes());
  await t('arrayBuffer', () => new Response('ab').arrayBuffer());
  await t('error', () => { const r = Response.error(); return [r.status, r.type, r.ok, r.statusText]; });
  await t('redirect', () => { const r = Response.redirect('http://a/b'); return [r.status, r.headers.get('location'), r.statusText, r.ok]; });
  await t('redirect 301 URL', () => Response.redirect(new URL('http://a/'), 301).status);
  await t('redirect 200', () => Response.redirect('http://a/', 200));
  await t('redirect relative', () => Response.redirect('/x'));
  await t('resp statusText', () => new Response('', { statusText: '\n' }));
  await t('resp status 600', () => new Response('', { status: 600 }));
  await t('resp status 99', () => new Response('', { status: 99 }));
  await t('resp status 200.5', () => new Response('', { status: 200.5 }).status);
  await t('resp 204 null', () => new Response(null, { status: 204 }).status);
  await t('resp 204 body', () => new Response('x', { status: 204 }));
  await t('Response.json', async () => { const r = Response.json({ a: 1 }, { status: 201 }); return [r.status, r.headers.get('content-type'), await r.text()]; });
  await t('req relative', () => new Request('/x'));
  await t('req url', () => new Request('HTTP://A.com/x/../y?q#h').url);
  await t('req URL', () => new Request(new URL('http://a/p')).url);
  await t('req defaults', () => { const r = new Request('http://a/'); return [r.method, r.redirect, r.mode, r.credentials, r.cache, r.referrer, r.referrerPolicy, r.integrity, r.keepalive, r.destination, r.duplex, r.bodyUsed, [...r.headers]]; });
  await t('req from req', async () => { const a = new Request('http://a/', { method: 'POST', body: 'hi', headers: { x: '1' } }); const b = new Request(a, { headers: { y: '2' } }); return [b.method, b.url, [...b.headers], await b.text(), a.bodyUsed]; });
  await t('req from req used', async () => { const a = new Request('http://a/', { method: 'POST', body: 'hi' }); await a.text(); return new Request(a); });
  await t('req from req keeps', () => { const a = new Request('http://a/', { method: 'PUT', redirect: 'manual', headers: { k: 'v' } }); const b = new Request(a); return [b.method, b.redirect, b.headers.get('k'), b.headers !== a.headers]; });
  await t('req bad redirect', () => new Request('http://a/', { redirect: 'x' }));
  await t('req signal', () => { const r = new Request('http://a/'); return [r.signal instanceof AbortSignal, r.signal.aborted]; });
  await t('req signal follows', () => { const ac = new AbortController(); const r = new Request('http://a/', { signal: ac.signal }); ac.abort('why'); return [r.signal.aborted, r.signal.reason]; });
  await t('req json', () => new Request('http://a/', { method: 'POST', body: '{"a":1}' }).json());
  await t('req json bad', async () => { try { await new Request('http://a/', { method: 'POST', body: '{' }).json(); } catch (e) { return e.name; } });
  await t('req fd urlenc', async () => [...await new Request('http://a/', { method: 'POST', body: new URLSearchParams('a=1&b=2&a=3') }).formData()]);
  await t('req ctype', () => new Request('http://a/', { method: 'POST', body: 'x' }).headers.get('content-type'));
  await t('req no body text', () => new Request('http://a/').text());
  await t('req get body', () => new Request('http://a/x', { method: 'GET', body: 'x' }));
  await t('req head body', () => new Request('http://a/x', { method: 'HEAD', body: 'x' }));
  await t('req get null body', () => new Request('http://a/x', { method: 'GET', body: null }).method);
  await t('req bad method', () => new Request('http://a/x', { method: 'bad method' }));
  await t('req CONNECT', () => new Request('http://a/x', { method: 'connect' }));
  await t('req methods', () => ['get', 'post', 'put', 'delete', 'options', 'head', 'patch', 'Foo'].map((m) => new Request('http://a/', { method: m }).method));
  await t('req creds', () => new Request('http://u:p@a/'));
  await t('req clone', async () => { const a = new Request('http://a/', { method: 'POST', body: 'z' }); const b = a.clone(); return [await a.text(), await b.text(), b.method, b.url]; });
  await t('req blob', async () => { const b = await new Request('http://a/', { method: 'POST', body: 'xyz', headers: { 'content-type': 'a/b' } }).blob(); return [b.type, await b.text()]; });
  await t('req tag', () => Object.prototype.toString.call(new Request('http://a/')));
  await t('req inspect', () => new Request('http://a/x', { headers: { a: 'b' } }));
}
const done = main();
