// String#toLocaleUpperCase/toLocaleLowerCase: Turkish and Azerbaijani i.
const words = ['istanbul', 'DİYARBAKIR', 'Iğdır', 'ıi İI', 'straße', 'ǅ', 'I\u0307'];
for (const l of [undefined, 'en-US', 'tr', 'tr-TR', 'az', 'de-DE', ['tr', 'en'], []]) {
  console.log(JSON.stringify(l), JSON.stringify(words.map((w) => [w.toLocaleUpperCase(l), w.toLocaleLowerCase(l)])));
}
