// Headers: set-cookie values stay apart (getSetCookie, iteration), others join.
async function main() {
  const h = new Headers([['Set-Cookie', 'a=1'], ['x-b', '1'], ['set-cookie', 'b=2; Path=/'], ['X-B', '2'], ['accept', 'x']]);
  console.log(h.getSetCookie());
  console.log(h.get('set-cookie'));
  console.log([...h]);
  console.log([...h.keys()]);
  console.log([...h.values()]);
  const seen = [];
  h.forEach((v, k) => seen.push(k + '=' + v));
  console.log(seen);
  console.log(new Headers().getSetCookie(), new Headers({ 'set-cookie': 'only' }).getSetCookie());
  const copy = new Headers(h);
  console.log(copy.getSetCookie());
  h.set('set-cookie', 'c=3');
  console.log(h.getSetCookie(), [...h].length);
  h.delete('Set-Cookie');
  console.log(h.getSetCookie(), h.has('set-cookie'));
  h.append('set-cookie', 'd=4, e=5');
  console.log(h.getSetCookie());
  const r = new Response('x', { headers: [['set-cookie', 'a=1'], ['set-cookie', 'b=2']] });
  console.log(r.headers.getSetCookie(), [...r.headers]);

}
const done = main();
