// performance.now and performance.timeOrigin.
  const perfMod = lazy(makePerformance);

  function makePerformance() {
    const { EventTarget } = eventsMod();
    class Performance extends EventTarget {
      constructor(key) {
        if (key !== internalKey) throw illegalConstructor();
        super();
      }
      now() { return hostNow() - startNow; }
      get timeOrigin() { return timeOrigin; }
      toJSON() { return { timeOrigin }; }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Performance', configurable: true });
      }
    }

    return Performance;
  }
