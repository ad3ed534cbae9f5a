// DOMException names, codes and shape.
const names = ['IndexSizeError', 'HierarchyRequestError', 'WrongDocumentError', 'InvalidCharacterError',
  'NoModificationAllowedError', 'NotFoundError', 'NotSupportedError', 'InvalidStateError', 'SyntaxError',
  'InvalidModificationError', 'NamespaceError', 'InvalidAccessError', 'TypeMismatchError', 'SecurityError',
  'NetworkError', 'AbortError', 'URLMismatchError', 'QuotaExceededError', 'TimeoutError', 'InvalidNodeTypeError',
  'DataCloneError', 'EncodingError', 'NotReadableError', 'UnknownError', 'ConstraintError', 'DataError',
  'TransactionInactiveError', 'ReadOnlyError', 'VersionError', 'OperationError', 'NotAllowedError', 'Error', 'Custom'];
for (const name of names) {
  const e = new DOMException('msg', name);
  console.log(name, e.name, e.message, e.code);
}
const d = new DOMException();
console.log(JSON.stringify([d.name, d.message, d.code]));
const o = new DOMException('with options', { name: 'AbortError', cause: 'why' });
console.log(o.name, o.code, o.cause, o.message);
console.log(new DOMException(undefined, undefined).name, new DOMException(null, null).name, new DOMException(1, 2).message);
console.log(d instanceof Error, d instanceof DOMException, Object.prototype.toString.call(d), String(o), Object.keys(o));
console.log(DOMException.INDEX_SIZE_ERR, DOMException.ABORT_ERR, DOMException.DATA_CLONE_ERR, d.TIMEOUT_ERR, DOMException.QUOTA_EXCEEDED_ERR);
console.log(typeof d.stack, typeof DOMException, DOMException.name, DOMException.length);
class Sub extends DOMException {}
const s = new Sub('sub', 'NotFoundError');
console.log(s instanceof DOMException, s.name, s.code);
