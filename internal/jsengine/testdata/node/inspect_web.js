// How console.log shows the web API objects themselves.
console.log(new URL('https://user:pw@example.com:8080/p/a?x=1&y=%20#frag'));
console.log({ nested: new URL('http://a.example/') });
console.log([new URL('file:///tmp/x')]);
console.log(new URLSearchParams('a=1&b=two&a=3'));
console.log(new URLSearchParams());
console.log(new URLSearchParams({ long1: 'x'.repeat(30), long2: 'y'.repeat(30), long3: 'z'.repeat(30) }));
console.log({ params: new URLSearchParams('k=v') });
console.log(new AbortController());
const ac = new AbortController();
ac.abort();
console.log(ac.signal, AbortSignal.abort('r'));
console.log(new TextEncoder(), new TextDecoder(), new TextDecoder('utf8', { fatal: true, ignoreBOM: true }));
console.log(String(new URL('http://x.example/p')), `${new URLSearchParams('q=1 2')}`);
console.log(Object.prototype.toString.call(new TextEncoder()), Object.prototype.toString.call(new AbortController()), Object.prototype.toString.call(new EventTarget()));
console.log(typeof new URL('http://a').searchParams[Symbol.iterator]);
