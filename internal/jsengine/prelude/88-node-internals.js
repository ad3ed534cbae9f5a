// The prelude's side of the node:* modules the bundler serves
// (internal/bundle/node/*.js): the inspector, format and the host's hashes.
// A bundle that imports node:util or node:crypto reaches them through
// globalThis[Symbol.for('corets.node')], a non-enumerable accessor built on
// first use; it hands out nothing a module could not do through the web APIs
// already (format and inspect are console's, the hashes are crypto.subtle's
// plus MD5 and the SHA-2/SHA-3 variants node names), so it needs no guard.
  const nodeInternals = lazy(makeNodeInternals);

  function makeNodeInternals() {
    const H = host.lookup('node.crypto');
    const { inspect, format, getConstructorName } = inspectMod();
    const enc = new (encodingMod().TextEncoder)();
    // One host call: fields as in crypto.subtle's (packFields).
    function call(op, ...fields) {
      const buf = packFields(enc, op, fields); // 47-subtle.js
      try {
        return new Uint8Array(hostCall(H, buf));
      } catch (e) {
        // PBKDF2 or scrypt stopped at the call's deadline: wait here for the
        // engine's next deadline check, which ends the call as a timeout
        // (an exception could be caught and the call go on past its time)
        if (e && e.message === "crypto.subtle: the call's deadline passed") for (;;);
        throw e;
      }
    }
    return Object.freeze({
      inspect, format, getConstructorName,
      hashes: () => call('hashes'),
      digest: (alg, data) => call('digest', alg, data),
      hmac: (alg, key, data) => call('hmac', alg, key, data),
      pbkdf2: (alg, password, salt, iterations, keylen) => call('pbkdf2', alg, password, salt, `${iterations}`, `${keylen}`),
      scrypt: (password, salt, N, r, p, keylen) => call('scrypt', password, salt, `${N}`, `${r}`, `${p}`, `${keylen}`),
      randomFill: (view) => hostRandomFill(view),
      toWellFormed, nodeError, argTypeError, describeReceived, customInspect,
      isTypedArray, typedArrayTag, isMap, isSet, isArrayBuffer, isDate, isError, getBoxed,
    });
  }
