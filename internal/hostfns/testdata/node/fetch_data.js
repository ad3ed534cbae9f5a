async function main() {
  const show = async (u, init) => {
    try {
      const r = await fetch(u, init);
      const b = new Uint8Array(await r.arrayBuffer());
      console.log(JSON.stringify(u).slice(0, 60), r.status, JSON.stringify(r.statusText), r.type, r.redirected, r.url, [...r.headers], b.length, JSON.stringify(String.fromCharCode(...b)).slice(0, 60));
    } catch (e) {
      console.log(JSON.stringify(u).slice(0, 60), 'error', e.name, e.message, e.cause && e.cause.message);
    }
  };
  await show('data:,Hello%2C%20World%21');
  await show('data:text/plain;base64,SGVsbG8sIFdvcmxkIQ==');
  await show('data:text/html,%3Ch1%3EHi%3C%2Fh1%3E');
  await show('data:;base64,AAEC/w==');
  await show('data:application/json;charset=utf-8,{"a":1}');
  await show('DATA:Text/Plain;Charset="UTF-8";foo=bar,x');
  await show('data:text/plain;base64,SGVsbG8gV29ybGQ');
  await show('data:text/plain;base64,SGV sbG8=');
  await show('data:text/plain;base64,%53%47%56%73%62%47%38%3D');
  await show('data:text/plain;base64,@@@');
  await show('data:text/plain;base64,SGVsbG8=x');
  await show('data:nocomma');
  await show('data:image/png;base64;x=y,AAAA');
  await show('data:text/plain;charset=iso-8859-1,%E9t%E9');
  await show('data:text/plain,a b#frag');
  await show('data:,%zz%4');
  await show('data:x/y;base64 ,QQ==');
  await show('data:bad mime,x');
  await show('data:text/plain ; base64,QQ==');
  await show(new URL('data:,via%20URL'));
  await show('data:,x', { method: 'POST', body: 'ignored' });
  await show('data:,x', { method: 'HEAD' });
  await show('data:,x', { method: 'PUT' });
  await show('data:,x', { redirect: 'error' });
  const r = await fetch('data:text/plain;base64,SGk=');
  console.log(await r.text(), r.bodyUsed, r.headers.get('content-type'));
  const r2 = await fetch(new Request('data:,req'));
  console.log(await r2.text(), r2.url);
  const ac = new AbortController();
  ac.abort();
  try { await fetch('data:,x', { signal: ac.signal }); } catch (e) { console.log('aborted', e.name); }
  const big = 'data:;base64,' + 'QUFB'.repeat(1000);
  console.log((await (await fetch(big)).arrayBuffer()).byteLength);
}
const done = main();
