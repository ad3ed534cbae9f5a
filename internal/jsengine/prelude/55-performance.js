// performance.now and performance.timeOrigin.
  const perfMod = lazy(makePerformance);

  function makePerformance() {
    const { EventTarget } = eventsMod();
    class Performance extends EventTarget {
      constructor(key) {
        if (key !== internalKey) throw illegalConstructor();
        super();
      }
      now() { return sinceOrigin(); }
      get timeOrigin() { return originTime(); }
      toJSON() { return { timeOrigin: originTime() }; }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Performance', configurable: true });
      }
    }

    installPerfTimeline(Performance); // 56-perf-timeline.js
    return Performance;
  }
