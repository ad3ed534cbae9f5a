const { Readable, Transform, pipeline, PassThrough } = require('readable-stream');
const through2 = require('through2');
const { StringDecoder } = require('string_decoder');
const parts = ['hello ', 'streaming ', 'world']; const src = new Readable({ read() { this.push(parts.length ? parts.shift() : null); } });
const upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });
const chunks = [];
const t2 = through2(function (chunk, enc, cb) { chunks.push(chunk.toString()); this.push(chunk); cb(); });
const sink = new PassThrough();
sink.on('data', (d) => chunks.push('<' + d + '>'));
pipeline(src, upper, t2, sink, (err) => {
  console.log('pipeline done', err, chunks);
  const d = new StringDecoder('utf8');
  console.log(d.write(Buffer.from([0xe2, 0x82])) + d.end(Buffer.from([0xac])));
});
const r = new Readable({ read() {} });
r.push('a'); r.push('b'); r.push(null);
r.on('data', (c) => console.log('data', c)).on('end', () => console.log('end'));
