// crypto.getRandomValues and crypto.randomUUID, from the host's random source.
  const cryptoMod = lazy(makeCrypto);

  function makeCrypto() {
    class Crypto {
      constructor(key) { if (key !== internalKey) throw illegalConstructor(); }
      getRandomValues(view) {
        if (arguments.length === 0) throw missingArgs('The "typedArray" argument must be specified');
          const tag = ArrayBuffer.isView(view) ? typedArrayTag(view) : undefined;
        if (tag === undefined || /Float/.test(tag)) {
          throw domException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
        }
        if (view.byteLength > 65536) throw domException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
        hostRandomFill(view);
        return view;
      }
      get subtle() { return subtleMod().instance; }
      randomUUID() {
        const b = new Uint8Array(16);
        hostRandomFill(b);
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let h = '';
        for (let i = 0; i < 16; i++) {
          h += (b[i] < 16 ? '0' : '') + b[i].toString(16);
          if (i === 3 || i === 5 || i === 7 || i === 9) h += '-';
        }
        return h;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });
      }
    }

    return Crypto;
  }
