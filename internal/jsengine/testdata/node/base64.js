// atob / btoa, including node's forgiving-base64 errors.
const show = (f, label) => {
  try {
    console.log(label, '=>', JSON.stringify(f()));
  } catch (e) {
    console.log(label, '=>', e.name, e.code, e.message, e instanceof DOMException);
  }
};
for (const s of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', '\u00ff\u00fe\u0000', 'héllo', 'Hello, World!', '\u0100', '€', 'ok\ud800']) {
  show(() => btoa(s), `btoa(${JSON.stringify(s)})`);
}
show(() => btoa(undefined), 'btoa(undefined)');
show(() => btoa(null), 'btoa(null)');
show(() => btoa(12345), 'btoa(12345)');
show(() => btoa(), 'btoa()');
for (const s of ['', 'Zg==', 'Zg=', 'Zg', 'Zm9v', 'Zm9vYg', 'Zm9vYmFy', ' Zm 9v\tYm\nFy\f\r', 'Zm9vYmFy====', 'Zg==Zg==', 'Z', 'Zm9vY', '=Zm9', 'Zm=9', 'ab=c', 'Zm9v!', 'Zm9v-_', '//79', 'AA==', 'AAA=', 'AAAA', 'aGk=\n', 'w6k=', '\u00e9', 'YQ===', 'A=', 'AA=', 'A==', 'AAAAA=', 'AAAAA==', 'AAA==', 'AAAA=', 'A===', 'AA = =', 'Zm9=', '=', 'A-'])
  show(() => atob(s), `atob(${JSON.stringify(s)})`);
show(() => atob(undefined), 'atob(undefined)');
show(() => atob(null), 'atob(null)');
show(() => atob(1234), 'atob(1234)');
show(() => atob(), 'atob()');
const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
console.log('roundtrip', atob(btoa(all)) === all, btoa(all).length);
