const { Buffer } = require('safe-buffer');
const b = Buffer.from('safe ✓');
console.log(b, b.toString('base64'), Buffer.alloc(3, 1), Buffer.allocUnsafe(2).length, Buffer.isBuffer(b));
const sha = require('sha.js');
console.log(sha('sha256').update('abc').digest('hex'), sha('sha1').update(Buffer.from('abc')).digest('base64'));
const iconv = require('iconv-lite');
console.log(iconv.encode('héllo €', 'win1252'), iconv.decode(Buffer.from([0x68, 0xe9, 0x80]), 'win1252'), iconv.encode('abc', 'utf16le'), iconv.decode(iconv.encode('Привет', 'koi8-r'), 'koi8-r'));
const semver = require('semver');
console.log(semver.satisfies('1.2.3', '^1.0.0'), semver.inc('1.2.3', 'minor'), semver.valid('x'), semver.sort(['2.0.0', '1.0.0', '1.5.0']));
