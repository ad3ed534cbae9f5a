// URLSearchParams and its live binding with URL.
const show = (label, p) => console.log(label, JSON.stringify([...p]), p.toString(), p.size);
show('empty', new URLSearchParams());
show('string', new URLSearchParams('a=1&b=2&a=3'));
show('leading ?', new URLSearchParams('?x=1&&y&=z&w='));
show('plus and percent', new URLSearchParams('q=a+b%20c%2Bd&%E2%82%AC=%zz&bad=%E2%82'));
show('record', new URLSearchParams({ one: 1, two: 'zwei', nested: { toString() { return 'ts'; } } }));
show('pairs', new URLSearchParams([['k', 'v'], ['k', 'w'], ['sp ace', 'a&b=c']]));
show('map', new URLSearchParams(new Map([['m', 1]])));
show('copy', new URLSearchParams(new URLSearchParams('c=1')));
show('lone surrogate', new URLSearchParams([['\ud800', 'x\udc00']]));
try { new URLSearchParams([['only-one']]); } catch (e) { console.log(e.name, e.code, e.message); }
try { new URLSearchParams([1]); } catch (e) { console.log(e.name, e.code); }

const p = new URLSearchParams('b=2&a=1&c=3&a=0');
console.log(p.get('a'), p.get('missing'), JSON.stringify(p.getAll('a')), JSON.stringify(p.getAll('none')), p.has('c'), p.has('d'), p.has('a', '0'), p.has('a', '9'));
p.append('d', 'x y');
p.append('é', '€/?&=');
show('appended', p);
p.set('a', 'set');
show('set existing', p);
p.set('z', 'new');
show('set new', p);
p.delete('b');
show('deleted', p);
p.append('a', 'again');
p.delete('a', 'set');
show('deleted pair', p);
p.sort();
show('sorted', p);
const s = new URLSearchParams('z=1&a=2&z=0&b=1&a=1&\u{1F600}=e&\uFFFD=f');
s.sort();
show('stable sort', s);
const seen = [];
p.forEach(function (v, k, obj) { seen.push(`${k}=${v}`, obj === p, this.tag); }, { tag: 't' });
console.log('forEach', JSON.stringify(seen));
console.log('keys', JSON.stringify([...p.keys()]), 'values', JSON.stringify([...p.values()]), 'entries', JSON.stringify([...p.entries()]));
for (const [k, v] of new URLSearchParams('i=1&j=2')) console.log('for-of', k, v);
console.log(new URLSearchParams('a=~!*()\'-._').toString(), new URLSearchParams([['k', '~!*()\'-._ +%/']]).toString());
try { p.append('only'); } catch (e) { console.log(e.name, e.code, e.message); }
try { p.get(); } catch (e) { console.log(e.name, e.code, e.message); }
console.log(Object.prototype.toString.call(p), typeof p[Symbol.iterator], p[Symbol.iterator] === p.entries);
console.log(new URLSearchParams('a=1&b=%20'), new URLSearchParams());

// Live binding: URL -> params and params -> URL.
const u = new URL('https://example.com/path?x=1&y=2#h');
const sp = u.searchParams;
console.log(sp === u.searchParams, sp.get('x'));
sp.append('z', 'a b');
console.log(u.href, u.search);
sp.delete('x');
sp.delete('y');
sp.delete('z');
console.log(u.href, JSON.stringify(u.search));
u.search = '?q=1&r=%41';
console.log(sp.get('q'), sp.get('r'), sp.size);
u.search = '';
console.log(u.href, sp.size);
u.href = 'http://other.example/?k=v';
console.log(sp.get('k'), u.searchParams === sp);
u.searchParams.set('k', 'é');
console.log(u.href);
const u2 = new URL('http://h/?a=b c');
console.log(u2.search, u2.searchParams.toString());
u2.searchParams.sort();
console.log(u2.href);

// Setters.
const t = new URL('https://user:pw@example.com:8080/a/b?q=1#frag');
const dump = () => console.log('  ', t.href);
t.protocol = 'http'; dump();
t.protocol = 'mailto'; dump();
t.protocol = 'wss:'; dump();
t.protocol = '1bad'; dump();
t.username = 'new user'; dump();
t.password = 'p@ss:word'; dump();
t.password = ''; dump();
t.username = ''; dump();
t.host = 'other.com:9090'; dump();
t.host = 'bad host'; dump();
t.hostname = 'HOST.example'; dump();
t.hostname = 'x:1'; dump();
t.port = '443'; dump();
t.port = '8080abc'; dump();
t.port = 'abc'; dump();
t.port = 99999; dump();
t.port = ''; dump();
t.pathname = '/new path/./x/../y'; dump();
t.pathname = 'no-slash'; dump();
t.search = 'a=1 2'; dump();
t.search = '??x'; dump();
t.hash = 'new frag'; dump();
t.hash = '#'; dump();
t.hash = ''; dump();
t.href = 'ftp://f.example/x'; dump();
try { t.href = 'not a url'; } catch (e) { console.log(e.name, e.code, e.message); }
dump();
const f = new URL('file:///tmp/x');
f.host = 'server'; console.log('  ', f.href);
f.username = 'u'; f.port = '80'; console.log('  ', f.href);
const m = new URL('mailto:me@example.com');
m.pathname = 'other'; m.host = 'h'; m.hash = 'x'; m.search = 'q'; console.log('  ', m.href);
const ns = new URL('foo://h:1/p');
ns.port = ''; ns.protocol = 'http'; console.log('  ', ns.href);
ns.protocol = 'bar'; ns.hostname = ''; console.log('  ', ns.href);
