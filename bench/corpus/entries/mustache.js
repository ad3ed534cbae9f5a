import Mustache from "mustache";
console.log(Mustache.render("{{title}}: {{#people}}{{name}} ({{age}}) {{/people}}{{^none}}none!{{/none}} {{&html}} {{html}}", { title: "People", people: [{ name: "A", age: 1 }, { name: "B", age: 2 }], html: "<a href='x'>" }));
console.log(Mustache.render("{{> part}}", { v: 3 }, { part: "partial {{v}}" }));
