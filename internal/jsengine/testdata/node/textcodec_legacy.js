// TextDecoder beyond UTF-8: labels, UTF-16LE/BE (BOM, surrogates, odd
// bytes, streaming, fatal), single-byte legacy encodings and the CJK ones.
// Where node 20's ICU tables differ from the Encoding standard (which we
// follow), those bytes are left out: windows-1252 0x80-0x9F (node decodes
// it as latin1), koi8-u 0xAE/0xBE, ibm866 0x1A/0x1C/0x7F, windows-874
// 0xDB-0xDE/0xFC-0xFF, windows-1253 0xAA, windows-1255 0xCA.
const show = (s) => JSON.stringify(s);
const labels = ['utf-16le', 'utf-16be', 'utf-16', 'unicode', 'ucs-2', 'UTF-16LE', ' utf-16be\n', 'csunicode',
  'latin1', 'ascii', 'iso-8859-1', 'us-ascii', 'cp1252', 'x-cp1252', 'l1', 'iso-8859-9', 'iso-8859-11', 'tis-620',
  'cp866', 'koi8', 'mac', 'x-mac-roman', 'sjis', 'x-sjis', 'ms_kanji', 'gb2312', 'x-gbk', 'chinese', 'csbig5',
  'big5-hkscs', 'cseuckr', 'korean', 'ks_c_5601-1987', 'csiso2022jp', 'gb18030', 'euc-jp', 'x-euc-jp', 'iso-8859-8-i',
  'logical', 'visual', 'iso-8859-16', 'x-user-defined', 'replacement', 'iso-2022-kr', 'hz-gb-2312', 'utf-32',
  'utf-7', 'cesu-8', 'ebcdic', '', 'windows-1252\u0000', 'utf-16le-x'];
for (const l of labels) {
  try {
    console.log(show(l), new TextDecoder(l).encoding);
  } catch (e) {
    console.log(show(l), e.name, e.code, e.message);
  }
}
const skip = {
  'windows-1252': (b) => b >= 0x80 && b < 0xa0,
  'koi8-u': (b) => b === 0xae || b === 0xbe,
  ibm866: (b) => b === 0x1a || b === 0x1c || b === 0x7f,
  'windows-874': (b) => (b >= 0xdb && b <= 0xde) || b >= 0xfc,
  'windows-1253': (b) => b === 0xaa,
  'windows-1255': (b) => b === 0xca,
};
const single = ['windows-1252', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7',
  'iso-8859-8', 'iso-8859-8-i', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'koi8-r', 'koi8-u',
  'macintosh', 'x-mac-cyrillic', 'ibm866', 'windows-874', 'windows-1250', 'windows-1251', 'windows-1253',
  'windows-1254', 'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258'];
for (const name of single) {
  const bytes = [];
  for (let b = 0; b < 256; b++) if (!(skip[name] && skip[name](b))) bytes.push(b);
  const u = new Uint8Array(bytes);
  const text = new TextDecoder(name).decode(u);
  const errors = [];
  for (const b of bytes) {
    try { new TextDecoder(name, { fatal: true }).decode(new Uint8Array([b])); } catch (e) { errors.push(b.toString(16)); }
  }
  console.log(name, text.length, Array.from(text.slice(0x7c), (c) => c.charCodeAt(0).toString(16)).join(' '), 'errors:', errors.join(' '));
}
// UTF-16
const u16 = (name, bytes, opts, decodeOpts) => {
  try {
    return show(new TextDecoder(name, opts).decode(new Uint8Array(bytes), decodeOpts));
  } catch (e) {
    return `${e.name} ${e.code} ${e.message}`;
  }
};
for (const name of ['utf-16le', 'utf-16be']) {
  const le = name === 'utf-16le';
  const cu = (...units) => units.flatMap((x) => (le ? [x & 255, x >> 8] : [x >> 8, x & 255]));
  console.log(name, u16(name, cu(0x48, 0x69, 0xe9, 0x4e2d)));
  console.log(name, 'bom', u16(name, cu(0xfeff, 0x41)), u16(name, cu(0xfeff, 0x41), { ignoreBOM: true }), u16(name, cu(0xfeff, 0xfeff, 0x41)), u16(name, cu(0xfffe, 0x41)));
  console.log(name, 'pair', u16(name, cu(0xd83d, 0xde00)), 'lone lead', u16(name, cu(0xd83d, 0x41)), 'lone trail', u16(name, cu(0xde00, 0x41)), 'lead at end', u16(name, cu(0x41, 0xd83d)));
  console.log(name, 'odd', u16(name, [...cu(0x41), 0x42]), u16(name, [0x42]), u16(name, []));
  console.log(name, 'fatal', u16(name, cu(0xd83d, 0x41), { fatal: true }), u16(name, [0x41], { fatal: true }), u16(name, cu(0xd83d, 0xde00), { fatal: true }), u16(name, cu(0xfffd), { fatal: true }));
  const d = new TextDecoder(name);
  const all = [...cu(0xfeff, 0x41), ...cu(0xd83d, 0xde00), ...cu(0x42)];
  const parts = [];
  for (let i = 0; i < all.length; i++) parts.push(d.decode(new Uint8Array([all[i]]), { stream: true }));
  parts.push(d.decode());
  console.log(name, 'byte by byte', show(parts));
  console.log(name, 'reuse', show(d.decode(new Uint8Array(cu(0xfeff, 0x43)))), show(d.decode(new Uint8Array([...cu(0xd83d)]), { stream: true })), show(d.decode()));
  const f = new TextDecoder(name, { fatal: true });
  try { f.decode(new Uint8Array(cu(0xdc00)), { stream: true }); } catch (e) { console.log(name, 'stream fatal', e.code); }
  console.log(name, 'after error', show(f.decode(new Uint8Array(cu(0x44)))));
  console.log(name, 'views', show(new TextDecoder(name).decode(new Uint16Array([0x41 | (0x42 << 8)]).buffer)), show(new TextDecoder(name).decode(new DataView(new Uint8Array(cu(0x45, 0x46)).buffer, 2))));
}
// CJK
const cjk = [
  ['shift_jis', [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x20, 0xb1, 0x41]],
  ['euc-jp', [0xc6, 0xfc, 0xcb, 0xdc, 0x8e, 0xb1, 0x41]],
  ['iso-2022-jp', [0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x1b, 0x28, 0x42, 0x41]],
  ['gbk', [0xd6, 0xd0, 0xce, 0xc4, 0x80, 0x41]],
  ['gb18030', [0xd6, 0xd0, 0x81, 0x30, 0x81, 0x30, 0x95, 0x32, 0x82, 0x36, 0x41]],
  ['big5', [0xa4, 0xa4, 0xa4, 0xe5, 0x41]],
  ['euc-kr', [0xc7, 0xd1, 0xb1, 0xb9, 0x41]],
];
for (const [name, bytes] of cjk) {
  console.log(name, show(new TextDecoder(name).decode(new Uint8Array(bytes))));
  const d = new TextDecoder(name);
  const parts = bytes.map((b) => d.decode(new Uint8Array([b]), { stream: true }));
  parts.push(d.decode());
  console.log(name, 'byte by byte', show(parts.join('')));
  console.log(name, 'truncated', u16(name, bytes.slice(0, 1)), u16(name, bytes.slice(0, 1), { fatal: true }));
}
console.log(new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true }), String(new TextDecoder('sjis')));
