// node:util/types for CoreTS-Wasm modules (also util.types): brand checks
// through built-in getters and internal slots, as exact as JS allows.
// isProxy and isExternal are always false: JS cannot see a proxy, and the
// engine has no externals.
'use strict';
const I = globalThis[Symbol.for('corets.node')];
const tag = (v) => Object.prototype.toString.call(v);
const probe = (fn, v) => {
  try {
    fn.call(v);
    return true;
  } catch {
    return false;
  }
};
const obj = (v) => v !== null && (typeof v === 'object' || typeof v === 'function');
const boxed = (type) => (v) => {
  if (!obj(v)) return false;
  const b = I.getBoxed(v);
  return b !== null && b[0] === type;
};
const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
const dvBuffer = getter(DataView.prototype, 'buffer');
const sabBytes = typeof SharedArrayBuffer === 'function' ? getter(SharedArrayBuffer.prototype, 'byteLength') : undefined;
const weakMapHas = WeakMap.prototype.has;
const weakSetHas = WeakSet.prototype.has;
const regexpSource = getter(RegExp.prototype, 'source');
const taTag = (name) => (v) => I.typedArrayTag(v) === name;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;
const Generator = Object.getPrototypeOf(function* () {}).prototype;
const AsyncGenerator = Object.getPrototypeOf(async function* () {}).prototype;
const MapIteratorProto = Object.getPrototypeOf(new Map().entries());
const SetIteratorProto = Object.getPrototypeOf(new Set().values());

const types = {
  isExternal: () => false,
  isDate: (v) => obj(v) && I.isDate(v),
  isArgumentsObject: (v) => obj(v) && tag(v) === '[object Arguments]',
  isBigIntObject: boxed('BigInt'),
  isBooleanObject: boxed('Boolean'),
  isNumberObject: boxed('Number'),
  isStringObject: boxed('String'),
  isSymbolObject: boxed('Symbol'),
  isBoxedPrimitive: (v) => obj(v) && I.getBoxed(v) !== null,
  isNativeError: (v) => obj(v) && tag(v) === '[object Error]' && v instanceof Error,
  isRegExp: (v) => obj(v) && probe(regexpSource, v) && v !== RegExp.prototype,
  isAsyncFunction: (v) => typeof v === 'function' && (v instanceof AsyncFunction || v instanceof AsyncGeneratorFunction),
  isGeneratorFunction: (v) => typeof v === 'function' && (v instanceof GeneratorFunction || v instanceof AsyncGeneratorFunction),
  isGeneratorObject: (v) => obj(v) && (Generator.isPrototypeOf(v) || AsyncGenerator.isPrototypeOf(v)),
  isPromise: (v) => obj(v) && v instanceof Promise,
  isMap: (v) => obj(v) && I.isMap(v),
  isSet: (v) => obj(v) && I.isSet(v),
  isMapIterator: (v) => obj(v) && MapIteratorProto.isPrototypeOf(v),
  isSetIterator: (v) => obj(v) && SetIteratorProto.isPrototypeOf(v),
  isWeakMap: (v) => obj(v) && probe(function () { weakMapHas.call(this, {}); }, v),
  isWeakSet: (v) => obj(v) && probe(function () { weakSetHas.call(this, {}); }, v),
  isArrayBuffer: (v) => obj(v) && I.isArrayBuffer(v),
  isDataView: (v) => obj(v) && probe(dvBuffer, v),
  isSharedArrayBuffer: (v) => obj(v) && sabBytes !== undefined && probe(sabBytes, v),
  isProxy: () => false,
  isModuleNamespaceObject: (v) => obj(v) && Object.getPrototypeOf(v) === null && v[Symbol.toStringTag] === 'Module' && Object.isSealed(v),
  isAnyArrayBuffer: (v) => types.isArrayBuffer(v) || types.isSharedArrayBuffer(v),
  isCryptoKey: (v) => obj(v) && typeof CryptoKey === 'function' && v instanceof CryptoKey,
  isKeyObject: (v) => obj(v) && v[Symbol.toStringTag] === 'KeyObject',
  isArrayBufferView: (v) => ArrayBuffer.isView(v),
  isTypedArray: (v) => obj(v) && I.isTypedArray(v),
  isUint8Array: taTag('Uint8Array'),
  isUint8ClampedArray: taTag('Uint8ClampedArray'),
  isUint16Array: taTag('Uint16Array'),
  isUint32Array: taTag('Uint32Array'),
  isInt8Array: taTag('Int8Array'),
  isInt16Array: taTag('Int16Array'),
  isInt32Array: taTag('Int32Array'),
  isFloat32Array: taTag('Float32Array'),
  isFloat64Array: taTag('Float64Array'),
  isBigInt64Array: taTag('BigInt64Array'),
  isBigUint64Array: taTag('BigUint64Array'),
};

module.exports = types;
