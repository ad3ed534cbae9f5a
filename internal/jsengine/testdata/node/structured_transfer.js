// structuredClone's transfer list: ArrayBuffers are moved (the source is
// detached), everything else is refused with DataCloneError.
const show = (f) => {
  try { return f(); } catch (e) { return `${e.name} ${e.code} ${e.message}`; }
};
const ab = new ArrayBuffer(8);
new Uint8Array(ab).set([1, 2, 3]);
const view = new Uint8Array(ab, 2, 4);
const out = structuredClone({ ab, view }, { transfer: [ab] });
console.log(ab.byteLength, view.length, view.byteOffset, out.ab.byteLength, Array.from(new Uint8Array(out.ab)), out.view.buffer === out.ab, Array.from(out.view));
console.log(show(() => new Uint8Array(ab)[0]).split(' ')[0], show(() => ab.slice(0)).split(' ')[0], show(() => view[0]));
console.log(show(() => structuredClone(ab)));
console.log(show(() => structuredClone(1, { transfer: [ab] })));
const ab2 = new ArrayBuffer(4);
const c2 = structuredClone(7, { transfer: [ab2] });
console.log(c2, ab2.byteLength);
const ab3 = new ArrayBuffer(2);
console.log(show(() => structuredClone(ab3, { transfer: [ab3, ab3] })), ab3.byteLength);
console.log(show(() => structuredClone(1, { transfer: [new Uint8Array(2)] })));
console.log(show(() => structuredClone(1, { transfer: [{}] })));
console.log(show(() => structuredClone(1, { transfer: [1] })));
console.log(show(() => structuredClone(1, { transfer: ab3 })));
console.log(show(() => structuredClone(1, { transfer: 'ab' })));
console.log(show(() => structuredClone(1, { transfer: null })));
console.log(show(() => structuredClone(1, { transfer: undefined })));
console.log(show(() => structuredClone(1, 5)));
const ab4 = new ArrayBuffer(4);
console.log(show(() => structuredClone({ f() {} }, { transfer: [ab4] })), ab4.byteLength);
const ab5 = new ArrayBuffer(3);
const same = structuredClone([ab5, ab5], { transfer: [ab5] });
console.log(same[0] === same[1], same[0].byteLength, ab5.byteLength);
const ab6 = new ArrayBuffer(0);
console.log(structuredClone(ab6, { transfer: [ab6] }).byteLength, ab6.byteLength);
const ab7 = new ArrayBuffer(4);
const set = new Set([ab7]);
console.log(structuredClone(new Map([[1, set]]), { transfer: new Set([ab7]) }).get(1).values().next().value.byteLength, ab7.byteLength);
