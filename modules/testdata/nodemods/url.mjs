import url, { URL as U, URLSearchParams as USP, fileURLToPath, pathToFileURL, format, parse, resolve } from 'node:url';
import qs from 'node:querystring';
import url2 from 'url';

const err = (f) => { try { f(); return 'no error'; } catch (e) { return `${e.name} ${e.code} ${e.message}`; } };
console.log(url2 === url, U === URL, USP === URLSearchParams);
console.log(fileURLToPath('file:///a/b%20c/d.txt'), fileURLToPath(new URL('file:///x/%C3%A9')), fileURLToPath('file://localhost/etc'));
console.log(err(() => fileURLToPath('http://x/')), err(() => fileURLToPath('file://host/a')), err(() => fileURLToPath('file:///a%2fb')), err(() => fileURLToPath(5)));
console.log(pathToFileURL('/a/b c/é#?%.txt').href, pathToFileURL('/dir/').href, pathToFileURL('/a/../b').href);
console.log(url.urlToHttpOptions(new URL('https://u:p%40@example.com:8080/p/a?x=1#h')));
console.log(url.domainToASCII('español.com'), url.domainToASCII('xn--iñvalid.com'), url.domainToUnicode('xn--espaol-zwa.com'));
const urls = [
  'http://user:pass@Host.COM:8080/p/a/t/h?query=string&a=1&a=2#hash',
  'https://example.com', 'example.com/path', '/just/a/path?x=1', '//host/p', 'mailto:someone@example.com', 'javascript:alert(1)',
  'http://[::1]:3000/x', 'HTTP://EXAMPLE.com/A B', 'file:///etc/passwd', 'http://a.com/p?q=a b#f g', 'http://x.com\\y\\z', '  http://trim.me/  ',
  'ftp://ftp.x.org/pub', 'redis://:pw@localhost:6379/0', '?only=query', '#only-hash', 'http://münchen.de/', 'foo:bar',
];
for (const u of urls) {
  const p = parse(u);
  console.log(JSON.stringify(u), JSON.stringify(p));
  console.log(' q', JSON.stringify(parse(u, true).query), format(p) === p.href);
}
console.log(parse('//host/p', false, true).host, parse('http://x.com/?a=1&b=2&a=3', true).query);
console.log(format({ protocol: 'https', hostname: 'example.com', pathname: '/some/path', query: { page: 1, format: 'json', tags: ['a', 'b'] } }));
console.log(format({ protocol: 'http:', host: 'h:1', pathname: 'p#q?r', search: 'x=1', hash: 'top' }), format({ protocol: 'file', pathname: '/tmp' }), format({}));
console.log(format(new URL('https://u:p@xn--espaol-zwa.com:81/p?q#h'), { auth: false, fragment: false, search: false, unicode: true }));
console.log(format('http://a.com/b?c#d'), err(() => format(5)));
for (const [from, to] of [['/one/two/three', 'four'], ['http://example.com/', '/one'], ['http://example.com/one', '/two'], ['http://a.com/b/c/d', '../../e'], ['http://a.com/b', '//other.org/x'], ['http://a.com/b', 'https://c.com'], ['http://a.com/b?x=1', '?y=2'], ['http://a.com/b/', './c/./d/../e'], ['mailto:a@b.c', 'd'], ['http://a.com', '']]) {
  console.log(from, to, '=>', resolve(from, to));
}
console.log(qs.parse('a=1&b=2&a=3&c=%20x+y&d&=e&f=%zz&g=%E2%82%AC'), qs.stringify({ a: [1, 2], b: 'x y', c: true, d: null, e: undefined, f: 1e21, g: 'é€' }));
console.log(qs.parse('a:1;b:2', ';', ':'), qs.stringify({ a: 1, b: 2 }, ';', ':'), qs.escape('a b&c/é'), qs.unescape('%41%zz%'), qs.parse('x=1&y=2&z=3', null, null, { maxKeys: 2 }));
console.log(qs.decode === qs.parse, qs.encode === qs.stringify, qs.stringify('str'), qs.parse(''), qs.stringify({ w: 'ab' }, null, null, { encodeURIComponent: (s) => s.toUpperCase() }));
