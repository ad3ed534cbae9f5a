// Intl.Locale, Intl.getCanonicalLocales, supportedLocalesOf, supportedValuesOf.
const tags = ['en', 'en-US', 'de', 'de-AT', 'de-CH', 'fr', 'fr-CA', 'es', 'es-419', 'es-MX', 'ja', 'ja-JP', 'zh', 'zh-TW', 'zh-Hant',
  'zh-Hans-CN', 'zh-HK', 'ar', 'ar-EG', 'ar-SA', 'ar-MA', 'he', 'fa', 'ur', 'hi', 'bn', 'ru', 'uk', 'sr', 'sr-Latn', 'tr', 'pl', 'nl',
  'pt', 'pt-BR', 'pt-PT', 'it', 'sv', 'da', 'nb', 'fi', 'ko', 'th', 'vi', 'id', 'ms', 'sw', 'en-GB', 'en-IN', 'en-AU', 'en-CA',
  'en-001', 'en-150', 'und', 'und-FR', 'und-Arab', 'pa-Arab', 'az', 'kk', 'mn', 'ca', 'el', 'cs', 'hu', 'ro', 'he-IL', 'yue', 'fil'];
for (const t of tags) {
  const l = new Intl.Locale(t);
  console.log(t, String(l), l.baseName, l.language, l.script, l.region, String(l.maximize()), String(l.minimize()),
    JSON.stringify([l.calendars, l.collations, l.hourCycles, l.numberingSystems, l.timeZones, l.textInfo, l.weekInfo]));
}
const withExt = new Intl.Locale('de-u-co-phonebk-kn-hc-h23-ca-buddhist-kf-false-nu-latn');
console.log(String(withExt), withExt.collation, withExt.numeric, withExt.hourCycle, withExt.calendar, withExt.caseFirst, withExt.numberingSystem, withExt.baseName);
console.log(JSON.stringify([withExt.calendars, withExt.collations, withExt.hourCycles, withExt.numberingSystems]));
console.log(String(withExt.maximize()), String(withExt.minimize()));
console.log(String(new Intl.Locale('en', { region: 'gb', calendar: 'gregory', hourCycle: 'h12', numeric: true, caseFirst: 'upper', collation: 'phonebk', numberingSystem: 'arab', script: 'latn' })));
const opts = [{ language: 'x1' }, { script: 'lat' }, { calendar: 'a' }, { calendar: 'gregory-x' }, { collation: 'ab' }, { numberingSystem: 'latn' },
  { caseFirst: 'up' }, { numeric: 0 }, { numeric: 'x' }, { language: 'fr', region: 'CA', script: 'Latn' }, { hourCycle: 'h25' }, { region: 'usa' }, { region: '419' }];
for (const o of opts) {
  try {
    const l = new Intl.Locale('en-Cyrl-US-u-ca-roc', o);
    console.log(JSON.stringify(o), String(l), l.numeric, l.caseFirst, l.calendar);
  } catch (e) { console.log(JSON.stringify(o), e.name, e.message); }
}
const l = new Intl.Locale('en-u-kf-kn');
console.log(JSON.stringify(l.caseFirst), l.numeric, l.collation, l.script, l.region, String(new Intl.Locale(l)), String(new Intl.Locale(l, { region: 'GB' })));
console.log(Object.prototype.toString.call(l), JSON.stringify(l), Intl.Locale.length, Intl.Locale.name, typeof l.toString, Object.getOwnPropertyNames(Intl.Locale.prototype).join());
for (const t of ['en_US', '', 'x', 'en-', '1234', 'en-US-u', 'en-a-b', 'de-1996-1996', 'root', 'en-x-a', 'i-klingon', 'en-US-u-ca', 'en-u-ca-gregory-u-nu-latn']) {
  try { console.log(JSON.stringify(t), String(new Intl.Locale(t))); } catch (e) { console.log(JSON.stringify(t), e.name, e.message); }
}
for (const f of [() => new Intl.Locale(), () => Intl.Locale('en'), () => new Intl.Locale(5), () => new Intl.Locale('en', null), () => Intl.Locale.prototype.maximize.call({}), () => Object.getOwnPropertyDescriptor(Intl.Locale.prototype, 'language').get.call(1)]) {
  try { f(); console.log('no error'); } catch (e) { console.log(e.name, e.message); }
}

// canonical forms
const canon = ['EN-us', 'zh-hant-tw', 'iw', 'in', 'ji', 'mo', 'tl', 'cmn', 'sh', 'en-u-ca-gregory-kn-true', 'DE-x-Private', 'sgn-GR', 'en-u-kn-true-ca-gregory',
  'en-u-foo-bar-kn', 'en-t-de-t0-und', 'en-a-bb-x-ab', 'EN-latn-us-POSIX-1901', 'de-u-ca-islamicc', 'en-u-attr2-attr1-kn', 'de-DD', 'en-UK', 'no',
  'en-variant1-1901', 'en-u-ks-primary', 'ja-latn-hepburn-heploc', 'und-Qaai', 'x-private'.replace('x-private', 'en-x-private'), 'sr-Cyrl-YU'];
for (const t of canon) {
  try { console.log(t, JSON.stringify(Intl.getCanonicalLocales(t))); } catch (e) { console.log(t, e.name, e.message); }
}
console.log(JSON.stringify(Intl.getCanonicalLocales(['en', 'EN', 'fr', new Intl.Locale('de-at')])), JSON.stringify(Intl.getCanonicalLocales()));
for (const bad of [[1], null, ['en_US'], ['en-a-b'], ['de-1996-1996'], 'en-US-u', ['x'], ['root']]) {
  try { console.log(JSON.stringify(Intl.getCanonicalLocales(bad))); } catch (e) { console.log(e.name, e.message); }
}
for (const C of ['Segmenter', 'DisplayNames', 'Locale']) console.log(C, typeof Intl[C], typeof Intl[C].supportedLocalesOf);
console.log(JSON.stringify(Intl.Segmenter.supportedLocalesOf(['de-de', 'xx', 'ja', 'en-US-u-ca-buddhist', 'tlh'])), JSON.stringify(Intl.DisplayNames.supportedLocalesOf('fr', { localeMatcher: 'lookup' })));
try { Intl.Segmenter.supportedLocalesOf('en', { localeMatcher: 'x' }); } catch (e) { console.log(e.name, e.message); }

// supportedValuesOf: node's lists for the identifier kinds
console.log(JSON.stringify(Intl.supportedValuesOf('unit')));
console.log(Intl.supportedValuesOf('currency').length, Intl.supportedValuesOf('currency').slice(0, 10).join(), Intl.supportedValuesOf('currency').includes('EUR'));
console.log(Intl.supportedValuesOf('timeZone').length, Intl.supportedValuesOf('timeZone').slice(0, 5).join(), Intl.supportedValuesOf('timeZone').includes('Europe/Berlin'));
for (const k of ['foo', 'calendars', '']) {
  try { Intl.supportedValuesOf(k); } catch (e) { console.log(e.name, e.message); }
}

// the other constructors take locales through the same canonicalizer
for (const f of [()=>new Intl.NumberFormat("en-a-b"), ()=>new Intl.NumberFormat("iw").resolvedOptions().locale, ()=>new Intl.Collator(["EN-us"]).resolvedOptions().locale, ()=>new Intl.DateTimeFormat(null), ()=>Intl.PluralRules.supportedLocalesOf(["x"])]) try { console.log(f()) } catch(e) { console.log(e.name, e.message) }
