// self and navigator. Node 20 has neither (21 added navigator); browser
// code looks for them to find the platform's features: tweetnacl takes its
// PRNG from self.crypto, and feature checks read navigator.userAgent.
// navigator follows node 21's Navigator (an illegal constructor, getters on
// the prototype); an instance is one thread, so hardwareConcurrency is 1,
// and nothing about the host (its OS, CPU count, locale) shows through.
  const navigatorMod = lazy(makeNavigator);

  function makeNavigator() {
    const languages = Object.freeze(['en-US']);
    class Navigator {
      constructor(key) {
        if (key !== internalKey) throw illegalConstructor();
      }
      get hardwareConcurrency() { return 1; }
      get language() { return 'en-US'; }
      get languages() { return languages; }
      get userAgent() { return 'CoreTS-Wasm/1 (QuickJS 2025-04-26)'; }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Navigator', configurable: true });
      }
    }
    return Navigator;
  }
