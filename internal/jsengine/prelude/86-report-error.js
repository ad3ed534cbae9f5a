// reportError and ErrorEvent (node 20 has neither; browsers, Deno and
// workerd do). reportError(e) fires an ErrorEvent 'error' at globalThis
// when the module made globalThis an event target (gave it dispatchEvent)
// and, unless a listener cancelled it, reports e on the error console as
// the engine reports an uncaught exception: "Uncaught " and e inspected.
  const reportErrorMod = lazy(makeReportError);

  function makeReportError() {
    const { Event } = eventsMod();
    class ErrorEvent extends Event {
      #message; #filename; #lineno; #colno; #error;
      constructor(type, options = undefined) {
        if (arguments.length === 0) throw missingArgs('The "type" argument must be specified');
        super(type, options);
        const o = options || {};
        this.#message = o.message === undefined ? '' : `${o.message}`;
        this.#filename = o.filename === undefined ? '' : `${o.filename}`;
        this.#lineno = o.lineno === undefined ? 0 : o.lineno >>> 0;
        this.#colno = o.colno === undefined ? 0 : o.colno >>> 0;
        this.#error = o.error;
      }
      get message() { return this.#message; }
      get filename() { return this.#filename; }
      get lineno() { return this.#lineno; }
      get colno() { return this.#colno; }
      get error() { return this.#error; }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'ErrorEvent', configurable: true });
      }
    }
    function reportError(error) {
      if (arguments.length === 0) throw missingArgs('The "error" argument must be specified');
      reportException(error);
    }
    let dispatching = false; // an error in an 'error' listener is not dispatched again
    function reportException(error) {
      const dispatch = globalThis.dispatchEvent;
      if (typeof dispatch === 'function' && !dispatching) {
        let message = '';
        try { message = isError(error) ? `${error.message}` : `${error}`; } catch {}
        const ev = new ErrorEvent('error', { cancelable: true, message, error });
        dispatching = true;
        try {
          dispatch.call(globalThis, ev);
        } catch {
          // a throwing dispatchEvent: the error is reported below
        } finally {
          dispatching = false;
        }
        if (ev.defaultPrevented) return;
      }
      let text;
      try { text = inspect(error); } catch { text = '[an exception that could not be described]'; }
      hostCall(H_CONSOLE, 'error\tUncaught ' + text);
    }
    return { ErrorEvent, reportError, reportException };
  }
  // The errors of queueMicrotask callbacks and event listeners are reported
  // as reportError reports them (node would end the process).
  function reportException(error) { reportErrorMod().reportException(error); }
