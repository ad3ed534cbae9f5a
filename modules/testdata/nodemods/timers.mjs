import timers from 'node:timers';
import { setTimeout as sleep, setImmediate as immediate, setInterval as every, scheduler } from 'node:timers/promises';
import tp from 'timers/promises';
import * as web from 'node:stream/web';

const show = (p) => p.then((v) => console.log('resolved', v), (e) => console.log('rejected', e.name, e.code, e.message));
console.log(timers.promises === tp, typeof timers.setImmediate, typeof timers.clearImmediate, web.ReadableStream === ReadableStream, web.TextEncoderStream === TextEncoderStream);
(async () => {
  await show(sleep(2, 'slept'));
  await show(immediate('immediate'));
  await show(sleep('x'));
  await show(sleep(1, 'v', 5));
  await show(sleep(1, 'v', { ref: 5 }));
  await show(sleep(1, 'v', { signal: 'no' }));
  await show(sleep(1, 'v', { signal: AbortSignal.abort('why') }));
  const ac = new AbortController();
  const p = sleep(1000, 'never', { signal: ac.signal });
  ac.abort();
  await show(p);
  const seen = [];
  for await (const v of every(1, 'tick')) { seen.push(v); if (seen.length === 3) break; }
  console.log('interval', seen);
  const ac2 = new AbortController();
  try {
    for await (const v of every(1, 'x', { signal: ac2.signal })) { seen.push(v); ac2.abort(); }
  } catch (e) { console.log('interval aborted', e.name, e.code); }
  await scheduler.wait(1);
  console.log('scheduler waited');
  let n = 0;
  await new Promise((resolve) => { const id = timers.setInterval(() => { if (++n === 2) { timers.clearInterval(id); resolve(); } }, 1); });
  const id = timers.setTimeout(() => console.log('never'), 5); timers.clearTimeout(id);
  await new Promise((resolve) => timers.setImmediate(resolve));
  console.log('timers done', n);
  const chunks = [];
  await new web.ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } }).pipeTo(new web.WritableStream({ write(c) { chunks.push(c); } }));
  console.log('web streams', chunks);
})();
