// performance.mark/measure, the entry lists, and PerformanceEntry,
// PerformanceMark and PerformanceMeasure, as node 20's user timing
// (lib/internal/perf/usertiming.js). The buffer keeps the newest
// MAX_PERF_ENTRIES entries: a module that marks in a loop without clearing
// cannot grow it without bound.
  const perfTimelineMod = lazy(makePerfTimeline);
  const MAX_PERF_ENTRIES = 10000;

  function makePerfTimeline() {
    const entries = []; // marks and measures, in the order they were made
    const markTimes = new Map(); // name -> startTime of its latest mark
    const records = new WeakMap(); // entry -> { name, type, start, duration, detail }
    const invalidOptions = (msg) => nodeError(TypeError, 'ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS', msg);
    const needName = () => missingArgs('The "name" argument must be specified');

    class PerformanceEntry {
      constructor(key, name, type, start, duration) {
        if (key !== internalKey) throw illegalConstructor();
        records.set(this, { name, type, start, duration });
      }
      get name() { return entryOf(this).name; }
      get entryType() { return entryOf(this).type; }
      get startTime() { return entryOf(this).start; }
      get duration() { return entryOf(this).duration; }
      toJSON() {
        return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration };
      }
      [customInspect](depth, options) {
        if (depth < 0) return this;
        return `${this.constructor.name} ${inspect(this.toJSON(), options)}`;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'PerformanceEntry', configurable: true });
      }
    }
    function entryOf(e) {
      const r = records.get(e);
      if (r === undefined) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type PerformanceEntry');
      return r;
    }
    const cloneDetail = (d) => (d == null ? null : makeStructuredClone()(d));

    class PerformanceMark extends PerformanceEntry {
      constructor(name, options = undefined) {
        if (arguments.length === 0) throw needName();
        name = `${name}`;
        if (options !== undefined && (options === null || typeof options !== 'object')) {
          throw argTypeError('options', 'of type object', options);
        }
        let start = options === undefined ? undefined : options.startTime;
        if (start === undefined) start = sinceOrigin();
        else if (typeof start !== 'number') throw argTypeError('startTime', 'of type number', start);
        else if (start < 0) throw nodeError(TypeError, 'ERR_PERFORMANCE_INVALID_TIMESTAMP', `${start} is not a valid timestamp`);
        super(internalKey, name, 'mark', start, 0);
        records.get(this).detail = cloneDetail(options === undefined ? undefined : options.detail);
      }
      get detail() { return entryOf(this).detail; }
      toJSON() { return { ...super.toJSON(), detail: this.detail }; }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'PerformanceMark', configurable: true });
      }
    }
    class PerformanceMeasure extends PerformanceEntry {
      constructor(key, name, start, duration, detail) {
        if (key !== internalKey) throw illegalConstructor();
        super(internalKey, name, 'measure', start, duration);
        records.get(this).detail = detail;
      }
      get detail() { return entryOf(this).detail; }
      toJSON() { return { ...super.toJSON(), detail: this.detail }; }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'PerformanceMeasure', configurable: true });
      }
    }

    function buffer(e) {
      if (entries.length >= MAX_PERF_ENTRIES) entries.splice(0, entries.length - MAX_PERF_ENTRIES + 1);
      entries.push(e);
    }
    function getMark(name) {
      if (name === undefined) return undefined;
      if (typeof name === 'number') {
        if (name < 0) throw nodeError(TypeError, 'ERR_PERFORMANCE_INVALID_TIMESTAMP', `${name} is not a valid timestamp`);
        return name;
      }
      name = `${name}`;
      const t = markTimes.get(name);
      if (t === undefined) throw domException(`The "${name}" performance mark has not been set`, 'SyntaxError');
      return t;
    }
    function startDuration(opts, endMark) {
      if (opts === null) opts = undefined;
      let start, end, duration, valid = false;
      if (typeof opts === 'object') {
        ({ start, end, duration } = opts);
        valid = start !== undefined || end !== undefined;
      }
      if (valid) {
        if (endMark !== undefined) throw invalidOptions('endMark must not be specified');
        if (start !== undefined && end !== undefined && duration !== undefined) {
          throw invalidOptions('Must not have options.start, options.end, and options.duration specified');
        }
      }
      if (endMark !== undefined) end = getMark(endMark);
      else if (valid && end !== undefined) end = getMark(end);
      else if (valid && start !== undefined && duration !== undefined) end = getMark(start) + getMark(duration);
      else end = sinceOrigin();
      if (typeof opts === 'string') start = getMark(opts);
      else if (valid && start !== undefined) start = getMark(start);
      else if (valid && duration !== undefined && end !== undefined) start = end - getMark(duration);
      else start = 0;
      return [start, end - start];
    }
    const byStart = (a, b) => a.startTime - b.startTime;
    const methods = {
      mark(name, options) { // (name, options) with node's length of 1
        if (arguments.length === 0) throw needName();
        const m = new PerformanceMark(name, options);
        markTimes.set(m.name, m.startTime);
        buffer(m);
        return m;
      },
      measure(name, startOrMeasureOptions, endMark) {
        if (arguments.length === 0) throw needName();
        const [start, duration] = startDuration(startOrMeasureOptions, endMark);
        const detail = startOrMeasureOptions != null && typeof startOrMeasureOptions === 'object'
          ? cloneDetail(startOrMeasureOptions.detail) : null;
        const m = new PerformanceMeasure(internalKey, `${name}`, start, duration, detail);
        buffer(m);
        return m;
      },
      getEntries() {
        return entries.filter((e) => e.entryType === 'mark').concat(entries.filter((e) => e.entryType === 'measure')).sort(byStart);
      },
      getEntriesByName(name, type) {
        if (arguments.length === 0) throw needName();
        name = `${name}`;
        return this.getEntries().filter((e) => e.name === name && (type === undefined || e.entryType === `${type}`));
      },
      getEntriesByType(type) {
        if (arguments.length === 0) throw missingArgs('The "type" argument must be specified');
        type = `${type}`;
        return this.getEntries().filter((e) => e.entryType === type);
      },
      clearMarks(name) { clearEntries('mark', name); },
      clearMeasures(name) { clearEntries('measure', name); },
    };
    function clearEntries(type, name) {
      if (name !== undefined) name = `${name}`;
      for (let i = entries.length - 1; i >= 0; i--) {
        if (entries[i].entryType === type && (name === undefined || entries[i].name === name)) entries.splice(i, 1);
      }
      if (type === 'mark') {
        if (name === undefined) markTimes.clear();
        else markTimes.delete(name);
      }
    }
    // node's lengths: mark 1, measure 1, getEntriesByName 1, getEntriesByType 1, clear* 0
    for (const [k, n] of [['mark', 1], ['measure', 1], ['getEntriesByName', 1], ['getEntriesByType', 1], ['clearMarks', 0], ['clearMeasures', 0]]) {
      Object.defineProperty(methods[k], 'length', { value: n });
    }
    return { PerformanceEntry, PerformanceMark, PerformanceMeasure, methods };
  }

  // Called by makePerformance: the timeline methods on its prototype.
  function installPerfTimeline(Performance) {
    const { methods } = perfTimelineMod();
    for (const k of Object.keys(methods)) {
      Object.defineProperty(Performance.prototype, k, { value: methods[k], writable: true, configurable: true, enumerable: true });
    }
  }
