// DOMException.
  const domMod = lazy(makeDOMException);
  const domException = (message, name) => new (domMod())(message, name);

  function makeDOMException() {
    const domNames = 'IndexSizeError DOMStringSizeError HierarchyRequestError WrongDocumentError InvalidCharacterError NoDataAllowedError NoModificationAllowedError NotFoundError NotSupportedError InUseAttributeError InvalidStateError SyntaxError InvalidModificationError NamespaceError InvalidAccessError ValidationError TypeMismatchError SecurityError NetworkError AbortError URLMismatchError QuotaExceededError TimeoutError InvalidNodeTypeError DataCloneError';
    const domConsts = 'INDEX_SIZE DOMSTRING_SIZE HIERARCHY_REQUEST WRONG_DOCUMENT INVALID_CHARACTER NO_DATA_ALLOWED NO_MODIFICATION_ALLOWED NOT_FOUND NOT_SUPPORTED INUSE_ATTRIBUTE INVALID_STATE SYNTAX INVALID_MODIFICATION NAMESPACE INVALID_ACCESS VALIDATION TYPE_MISMATCH SECURITY NETWORK ABORT URL_MISMATCH QUOTA_EXCEEDED TIMEOUT INVALID_NODE_TYPE DATA_CLONE';
    class DOMException extends Error {
      #name;
      #message;
      constructor(message = '', options = 'Error') {
        message = `${message}`;
        super(message);
        delete this.message; // node keeps name/message/code as prototype getters
        this.#message = message;
        if (options !== null && typeof options === 'object') {
          this.#name = 'name' in options ? `${options.name}` : 'Error';
          if ('cause' in options) {
            Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true, enumerable: false });
          }
        } else {
          this.#name = `${options}`;
        }
      }
      get name() { return this.#name; }
      get message() { return this.#message; }
      get code() {
        const i = domNames.split(' ').indexOf(this.#name);
        return i < 0 ? 0 : i + 1;
      }
      static {
        const consts = domConsts.split(' ');
        for (let i = 0; i < consts.length; i++) {
          const d = { value: i + 1, enumerable: true };
          Object.defineProperty(this, consts[i] + '_ERR', d);
          Object.defineProperty(this.prototype, consts[i] + '_ERR', d);
        }
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });
      }
    }
    const domException = (message, name) => new DOMException(message, name);

    return DOMException;
  }
