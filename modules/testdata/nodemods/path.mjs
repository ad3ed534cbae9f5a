import path from 'node:path';
import { join, posix } from 'path';
import pp from 'path/posix';

const err = (f) => { try { f(); return 'no error'; } catch (e) { return `${e.name} ${e.code} ${e.message}`; } };
console.log(path.sep, path.delimiter, posix === path, pp === path, path.posix === path, join === path.join);
const cases = ['', '.', '..', '/', '//', '///a//b/', 'a/b/c', '/a/b/c/', 'a/./b/../../..', '../a/..', '/../a', 'a//b/../c/./d', './', '.hidden', 'a/.hidden', 'file.tar.gz', '/dir/file.', 'dir/..', 'a/b/', '/a', 'x..', '..x', '...'];
for (const c of cases) {
  console.log(JSON.stringify(c), [path.normalize(c), path.dirname(c), path.basename(c), path.extname(c), path.isAbsolute(c)], path.parse(c));
}
console.log(path.basename('/a/b.html', '.html'), path.basename('/a/b.html', 'html'), path.basename('b.html', 'b.html'), path.basename('/a/b.html/', '.html'), path.basename('aaa', 'a'));
console.log(path.join('a', '', 'b', '../c'), path.join(), path.join(''), path.join('/a', '/b'), path.join('a', '..', '..'));
console.log(path.resolve('/a/b', './c'), path.resolve('/a', '/b', 'c/../d'), path.resolve('/a/b/', '..', '..', '..'), path.resolve('/x', ''));
console.log(path.relative('/a/b/c', '/a/d'), path.relative('/a', '/a/b/c'), path.relative('/a/b', '/a'), path.relative('/a', '/a'), path.relative('/ab', '/a'), path.relative('/', '/x/y'));
console.log(path.format({ root: '/', dir: '/home/u', base: 'f.txt' }), path.format({ root: '/', name: 'f', ext: 'txt' }), path.format({ name: 'x', ext: '.js' }), path.format({ dir: 'd', name: 'n', ext: '.e', base: 'b' }));
console.log(err(() => path.join('a', 1)));
console.log(err(() => path.basename(null)));
console.log(err(() => path.resolve('/a', {})));
console.log(err(() => path.format('x')));
console.log(path.toNamespacedPath('/a'));
