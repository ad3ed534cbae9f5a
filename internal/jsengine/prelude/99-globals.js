// The globals: which exist, and how they are defined. Last, so that every
// part they name is defined; it completes the prelude with the dispatcher.
  // Enumerability follows node 20: its timer functions, structuredClone,
  // atob, btoa, crypto and performance are enumerable, the classes are not.
  function defineGlobal(name, value, enumerable = false) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable });
  }
  function defineLazy(name, get, enumerable = false) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      enumerable,
      get() {
        const value = get();
        defineGlobal(name, value, enumerable);
        return value;
      },
      set(value) { defineGlobal(name, value, enumerable); },
    });
  }
  defineGlobal('setTimeout', setTimeout_, true);
  defineGlobal('setInterval', setInterval_, true);
  defineGlobal('clearTimeout', clearTimeout_, true);
  defineGlobal('clearInterval', clearInterval_, true);
  defineGlobal('queueMicrotask', queueMicrotask_, true);
  defineGlobal('setImmediate', setImmediate_, true);
  defineGlobal('clearImmediate', clearImmediate_, true);
  defineGlobal('atob', atob, true);
  defineGlobal('btoa', btoa, true);
  defineLazy('console', lazy(makeConsole));
  defineLazy('structuredClone', lazy(makeStructuredClone), true);
  defineLazy('TextEncoder', () => encodingMod().TextEncoder);
  defineLazy('TextDecoder', () => encodingMod().TextDecoder);
  defineLazy('URL', () => urlMod().URL);
  defineLazy('URLSearchParams', () => urlMod().URLSearchParams);
  defineLazy('DOMException', domMod);
  defineLazy('Event', () => eventsMod().Event);
  defineLazy('CustomEvent', () => eventsMod().CustomEvent);
  defineLazy('EventTarget', () => eventsMod().EventTarget);
  defineLazy('AbortController', () => eventsMod().AbortController);
  defineLazy('AbortSignal', () => eventsMod().AbortSignal);
  defineLazy('Crypto', cryptoMod);
  defineLazy('crypto', lazy(() => new (cryptoMod())(internalKey)), true);
  defineLazy('SubtleCrypto', () => subtleMod().SubtleCrypto);
  defineLazy('CryptoKey', () => subtleMod().CryptoKey);
  defineLazy('Performance', perfMod);
  defineLazy('PerformanceEntry', () => perfTimelineMod().PerformanceEntry);
  defineLazy('PerformanceMark', () => perfTimelineMod().PerformanceMark);
  defineLazy('PerformanceMeasure', () => perfTimelineMod().PerformanceMeasure);
  defineLazy('Blob', () => blobMod().Blob);
  defineLazy('File', () => blobMod().File);
  defineLazy('FormData', () => blobMod().FormData);
  defineLazy('ReadableStream', () => streamsMod().ReadableStream);
  defineLazy('ReadableStreamDefaultReader', () => streamsMod().ReadableStreamDefaultReader);
  defineLazy('ReadableStreamDefaultController', () => streamsMod().ReadableStreamDefaultController);
  defineLazy('ReadableStreamBYOBReader', () => streamsMod().ReadableStreamBYOBReader);
  defineLazy('ReadableStreamBYOBRequest', () => streamsMod().ReadableStreamBYOBRequest);
  defineLazy('ReadableByteStreamController', () => streamsMod().ReadableByteStreamController);
  defineLazy('WritableStream', () => streamsMod().WritableStream);
  defineLazy('WritableStreamDefaultWriter', () => streamsMod().WritableStreamDefaultWriter);
  defineLazy('WritableStreamDefaultController', () => streamsMod().WritableStreamDefaultController);
  defineLazy('TransformStream', () => streamsMod().TransformStream);
  defineLazy('TransformStreamDefaultController', () => streamsMod().TransformStreamDefaultController);
  defineLazy('CountQueuingStrategy', () => streamsMod().CountQueuingStrategy);
  defineLazy('ByteLengthQueuingStrategy', () => streamsMod().ByteLengthQueuingStrategy);
  defineLazy('TextEncoderStream', () => streamsMod().TextEncoderStream);
  defineLazy('TextDecoderStream', () => streamsMod().TextDecoderStream);
  defineLazy('CompressionStream', () => compressionMod().CompressionStream);
  defineLazy('DecompressionStream', () => compressionMod().DecompressionStream);
  defineLazy('performance', lazy(() => new (perfMod())(internalKey)), true);
  defineLazy('Intl', () => intlMod().Intl);
  defineGlobal('self', globalThis, true);
  defineLazy('Navigator', navigatorMod);
  defineLazy('MessageChannel', () => messagingMod().MessageChannel);
  defineLazy('MessagePort', () => messagingMod().MessagePort);
  defineLazy('MessageEvent', () => messagingMod().MessageEvent);
  defineLazy('BroadcastChannel', () => messagingMod().BroadcastChannel);
  defineLazy('ErrorEvent', () => reportErrorMod().ErrorEvent);
  defineLazy('reportError', () => reportErrorMod().reportError);
  defineLazy('navigator', lazy(() => new (navigatorMod())(internalKey)), true);
  installIntlDateMethods();
  installDateZoneNames(); // 76-intl-dates.js

  return dispatch;
