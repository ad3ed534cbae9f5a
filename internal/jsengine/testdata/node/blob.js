// Blob, File and FormData: construction, types, slicing, reading, errors.
const show = (label, f) => {
  try {
    const r = f();
    if (r && typeof r.then === 'function') return r.then((v) => console.log(label, '=>', v), (e) => console.log(label, '=> rejects', e.name, e.code, e.message));
    console.log(label, '=>', r);
  } catch (e) {
    console.log(label, '=>', e.name, e.code, e.message);
  }
};
(async () => {
  show('empty', () => new Blob());
  show('parts', () => new Blob(['ab', new Uint8Array([99, 100]), new Blob(['e']), new ArrayBuffer(2), 1, null]));
  show('type', () => new Blob([], { type: 'Text/HTML' }).type);
  show('type non-ascii', () => JSON.stringify(new Blob([], { type: 'a/\u00e9' }).type));
  show('endings native', () => new Blob(['a\r\nb\rc'], { endings: 'native' }).size);
  show('endings bad', () => new Blob([], { endings: 'x' }));
  show('sources number', () => new Blob(1));
  show('sources string', () => new Blob('abc'));
  show('options', () => new Blob([], 1));
  show('surrogate', () => new Blob(['\ud800']).size);
  show('brand', () => Blob.prototype.slice.call({}));
  show('size brand', () => Object.getOwnPropertyDescriptor(Blob.prototype, 'size').get.call({}));
  const b = new Blob(['hello world'], { type: 'text/plain' });
  for (const args of [[], [6], [-5], [2, 4], [4, 2], [-100, 100], [0, -6], [1, 3, 'X/Y']]) {
    await show(`slice(${args.join(',')})`, async () => { const s = b.slice(...args); return [s.size, s.type, await s.text()]; });
  }
  await show('text', () => new Blob(['h\u00e9', new Uint8Array([0xff])]).text());
  await show('arrayBuffer', () => new Blob(['abc']).arrayBuffer());
  await show('bytes', () => new Blob(['abc']).bytes());
  await show('text brand', () => Blob.prototype.text.call({}));
  show('tag', () => [Object.prototype.toString.call(b), String(b)]);
  show('inspect', () => b);
  show('proto', () => Object.getOwnPropertyNames(Blob.prototype).filter((k) => k !== 'stream'));
  show('file no args', () => new File(['a']));
  const f = new File(['abc'], 'a.txt', { type: 'TEXT/plain', lastModified: 42 });
  show('file', () => [f.name, f.size, f.type, f.lastModified, f instanceof Blob, Object.prototype.toString.call(f)]);
  show('file inspect', () => f);
  show('file now', () => Math.abs(new File([], 'x').lastModified - Date.now()) < 5000);
  show('file name brand', () => Object.getOwnPropertyDescriptor(File.prototype, 'name').get.call(new Blob()));
  show('file proto', () => Object.getOwnPropertyNames(File.prototype));
  await show('file slice', () => f.slice(1).text());
  show('file slice class', () => f.slice(1) instanceof File);

  const fd = new FormData();
  show('fd empty', () => fd);
  fd.append('a', '1');
  fd.append('b', new Blob(['x'], { type: 'text/x' }));
  fd.append('c', f, 'renamed.txt');
  fd.append('a', 2);
  fd.append('d', f);
  show('fd get', () => [fd.get('a'), fd.getAll('a'), fd.get('zz'), fd.has('b'), fd.has('zz')]);
  show('fd blob', () => { const v = fd.get('b'); return [v instanceof File, v.name, v.type, v.size]; });
  show('fd renamed', () => { const v = fd.get('c'); return [v.name, v.type, v.lastModified, v === f]; });
  show('fd same file', () => fd.get('d') === f);
  show('fd keys', () => [...fd.keys()]);
  fd.set('a', 'only');
  show('fd set', () => [...fd.keys()].join() + ' ' + fd.getAll('a'));
  fd.set('z', 'new');
  fd.delete('b');
  show('fd delete', () => [...fd.keys()].join());
  show('fd values', () => [...fd.values()].map((v) => (typeof v === 'string' ? v : v.name)));
  show('fd forEach', () => { const o = []; fd.forEach(function (v, k, t) { o.push(k, t === fd, this.x); }, { x: 1 }); return o.join(); });
  show('fd append 1 arg', () => fd.append('a'));
  show('fd append 3 args', () => fd.append('a', 'b', 'c'));
  show('fd get 0 args', () => fd.get());
  show('fd ctor arg', () => new FormData({}));
  show('fd proto', () => Object.getOwnPropertyNames(FormData.prototype));
  show('fd tag', () => Object.prototype.toString.call(fd));
  show('fd inspect strings', () => { const g = new FormData(); g.append('k', 'v'); g.append('k2', 'v2'); return g; });
})();
