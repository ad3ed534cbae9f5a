// Intl.Segmenter: grapheme, word and sentence segmentation (UAX #29).
const texts = [
  'hello',
  'e\u0301le\u0300ve',
  'a👨‍👩‍👧‍👦b👍🏽c🏳️‍🌈d',
  '🇩🇪🇫🇷🇺🇸x🇯',
  '한국어 조선말 \u1100\u1161\u11a8',
  'नमस्ते क्षत्रिय अनुच्छेद',
  'ক্ষ্মী স্ত্রী',
  'ไทย ภาษา',
  'a\r\nb\n\rc\u0085d',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '👩🏽‍💻 and 🧑‍🤝‍🧑 and 1️⃣ and 👁️‍🗨️',
  '',
];
const words = [
  "Hello, world! It's 3.14 o'clock, isn't it?",
  'e-mail: test.user@example.com, url: https://example.org/a_b?c=1&d=2',
  'Die Straße ist 1.000,50 € wert; l\'été dernier.',
  'Привет, мир! Как дела?',
  'مرحبا بالعالم، كيف حالك؟',
  'שלום "עולם" ו\'גם',
  'foo_bar __init__ _ x__ 1_000 $100 #tag @user',
  'tab\tnew\nline\r\nend  double  spaces',
  'emoji👍🏽word 🇫🇷🇩🇪 a‍b',
  'カタカナ テスト',
  'U.S.A. vs. e.g. 1.2.3 a.b',
];
const sentences = [
  'Hello world. This is a test! Is it? Yes.',
  'Mr. Smith went to Washington. He said "Hi." Then left.',
  'The price is $3.50. Buy it now!! Really?! ok.',
  'Line one\nLine two\r\nLine three.\u2029Paragraph two.',
  'etc. and so on. (Parenthetical.) Next one.',
  'Ein Satz. Noch einer? Ja! Ende',
  '日本語の文です。二つ目の文！三つ目？',
  'No terminal punctuation',
];
const g = new Intl.Segmenter('en', { granularity: 'grapheme' });
const w = new Intl.Segmenter('en', { granularity: 'word' });
const s = new Intl.Segmenter('en', { granularity: 'sentence' });
for (const t of texts) console.log(JSON.stringify([...g.segment(t)].map((x) => [x.segment, x.index])));
for (const t of words) console.log(JSON.stringify([...w.segment(t)].map((x) => [x.segment, x.index, x.isWordLike])));
for (const t of sentences) console.log(JSON.stringify([...s.segment(t)].map((x) => [x.segment, x.index])));
for (const t of texts.slice(0, 4)) console.log(JSON.stringify([...s.segment(t)].length), JSON.stringify([...w.segment(t)].length));

// containing, the Segments object and its iterator
const segs = w.segment('Hi, you there.');
console.log(JSON.stringify([0, 1, 2, 3, 4, 6, 13, 14, -1, 1.7, '5', NaN, undefined, Infinity].map((i) => segs.containing(i))));
console.log(JSON.stringify(g.segment('a👨‍👩‍👧b').containing(3)), JSON.stringify(g.segment('').containing(0)));
const it = segs[Symbol.iterator]();
console.log(Object.prototype.toString.call(it), typeof it.next, JSON.stringify(it.next()), JSON.stringify([...it].length));
console.log(Object.getOwnPropertyNames(Object.getPrototypeOf(segs)), Object.getPrototypeOf(segs)[Symbol.toStringTag]);
console.log(Object.getPrototypeOf(Object.getPrototypeOf(it)) === Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
console.log(JSON.stringify(g.segment(12345).containing(2)), JSON.stringify(g.segment({ toString() { return 'xy'; } }).containing(1)));
const twice = g.segment('abc');
console.log(JSON.stringify([...twice].map((x) => x.segment)), JSON.stringify([...twice].map((x) => x.segment)));

// options, resolvedOptions, statics
console.log(JSON.stringify([
  new Intl.Segmenter().resolvedOptions(),
  new Intl.Segmenter('de-DE-u-co-phonebk', { granularity: 'sentence', localeMatcher: 'lookup' }).resolvedOptions(),
  new Intl.Segmenter(['fr-FR', 'de']).resolvedOptions(),
  new Intl.Segmenter('xx').resolvedOptions(),
  new Intl.Segmenter([]).resolvedOptions(),
  new Intl.Segmenter('en', { granularity: undefined }).resolvedOptions(),
]));
console.log(Object.prototype.toString.call(g), Intl.Segmenter.length, Intl.Segmenter.name, Intl.Segmenter.prototype.segment.length);
console.log(JSON.stringify(Intl.Segmenter.supportedLocalesOf(['de', 'xx', 'ja-JP', 'EN-us'])), JSON.stringify(Intl.Segmenter.supportedLocalesOf()));
for (const f of [
  () => Intl.Segmenter(),
  () => new Intl.Segmenter('en', { granularity: 'line' }),
  () => new Intl.Segmenter('en', { localeMatcher: 'x' }),
  () => new Intl.Segmenter('en_US'),
  () => new Intl.Segmenter('en', null),
  () => Intl.Segmenter.prototype.segment.call({}, 'x'),
  () => Intl.Segmenter.prototype.resolvedOptions.call(1),
  () => segs.containing.call({}, 1),
  () => it.next.call({}),
  () => g.segment(Symbol('s')),
]) {
  try { f(); console.log('no error'); } catch (e) { console.log(e.name, e.message); }
}

// a long text segments the same in one piece
const long = ('Lorem ipsum dolor sit amet, 👨‍👩‍👧 consectetur. Adipiscing elit? ').repeat(100);
const lw = [...w.segment(long)];
console.log(lw.length, lw.filter((x) => x.isWordLike).length, [...g.segment(long)].length, [...s.segment(long)].length, JSON.stringify(((x) => [x.segment, x.index, x.isWordLike])(w.segment(long).containing(5000))));
console.log(new Intl.Locale('en-US'));
console.log(new Intl.Segmenter('en'));
console.log(new Intl.DisplayNames('en', {type:'region'}));
console.log(new Intl.Segmenter().segment('ab'));
console.log(new Intl.Segmenter().segment('ab')[Symbol.iterator]());
console.log([...new Intl.Segmenter().segment('ab')]);
console.log(Intl);

// Korean words as ICU makes them: runs of Hangul syllables apart from everything else
for (const t of ['한국어 텍스트입니다.', '한9', 'ᄀᄀ', 'ᄀ한', 'a한', '한_a', '한\u0301국', 'ᄀ9', 'B:한', "can't한", '대한민국만세']) {
  console.log(JSON.stringify([...w.segment(t)].map((x) => [x.segment, x.isWordLike])));
}
