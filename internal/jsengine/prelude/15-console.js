// console: log, info, warn, error, debug, table, group, count, time, assert...,
// formatted by 10-inspect.js and sent to the host function "console".
  const H_CONSOLE = host.lookup('console');

  function makeConsole() {
    const { format } = inspectMod();
    let groupIndent = '';
    const counts = new Map();
    const timersByLabel = new Map();
    function emit(level, text) {
      if (groupIndent !== '') text = groupIndent + text.replaceAll('\n', '\n' + groupIndent);
      hostCall(H_CONSOLE, level + '\t' + text);
    }
    function formatTime(ms) {
      if (ms >= 60000) {
        const h = Math.floor(ms / 3600000);
        const m = Math.floor((ms % 3600000) / 60000);
        const [s, frac] = ((ms % 60000) / 1000).toFixed(3).split('.');
        const pad = (n) => String(n).padStart(2, '0');
        return `${h !== 0 ? `${h}:${pad(m)}` : m}:${pad(s)}.${frac} (${h !== 0 ? 'h:m' : ''}m:ss.mmm)`;
      }
      if (ms >= 1000) return `${(ms / 1000).toFixed(3)}s`;
      return `${Number(ms.toFixed(3))}ms`;
    }
    function timeLog(name, label, end, data) {
      label = `${label}`;
      const start = timersByLabel.get(label);
      if (start === undefined) {
        emit('warn', `Warning: No such label '${label}' for console.${name}()`);
        return;
      }
      if (end) timersByLabel.delete(label);
      const t = formatTime(hostNow() - start);
      emit('log', data.length ? `${label}: ${t} ${format(data)}` : `${label}: ${t}`);
    }
    const consoleObj = {
      log: (...args) => emit('log', format(args)),
      info: (...args) => emit('info', format(args)),
      debug: (...args) => emit('debug', format(args)),
      warn: (...args) => emit('warn', format(args)),
      error: (...args) => emit('error', format(args)),
      dirxml: (...args) => emit('log', format(args)),
      table: (...args) => emit('log', format(args)), // no table layout: printed like console.log
      trace: (...args) => {
        const stack = (new Error().stack || '').replace(/^[^\n]*\n/, '').replace(/\n+$/, '');
        emit('error', `Trace${args.length ? ': ' + format(args) : ''}${stack ? '\n' + stack : ''}`);
      },
      dir: (obj, options) => emit('log', inspect(obj, { customInspect: false, ...options })),
      assert: (cond, ...args) => {
        if (cond) return;
        if (args.length && typeof args[0] === 'string') args[0] = `Assertion failed: ${args[0]}`;
        else args.unshift('Assertion failed');
        emit('warn', format(args));
      },
      count: (label = 'default') => {
        label = `${label}`;
        const n = (counts.get(label) || 0) + 1;
        counts.set(label, n);
        emit('info', `${label}: ${n}`);
      },
      countReset: (label = 'default') => {
        label = `${label}`;
        if (!counts.has(label)) emit('warn', `Count for '${label}' does not exist`);
        else counts.delete(label);
      },
      group: (...args) => {
        if (args.length) emit('log', format(args));
        groupIndent += '  ';
      },
      groupEnd: () => { groupIndent = groupIndent.slice(0, -2); },
      time: (label = 'default') => {
        label = `${label}`;
        if (timersByLabel.has(label)) {
          emit('warn', `Warning: Label '${label}' already exists for console.time()`);
          return;
        }
        timersByLabel.set(label, hostNow());
      },
      timeEnd: (label = 'default') => timeLog('timeEnd', label, true, []),
      timeLog: (label = 'default', ...data) => timeLog('timeLog', label, false, data),
    };
    consoleObj.groupCollapsed = consoleObj.group;

    return consoleObj;
  }
