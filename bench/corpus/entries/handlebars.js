import Handlebars from "handlebars";
Handlebars.registerHelper("upper", (s) => s.toUpperCase());
const t = Handlebars.compile("Hello {{upper name}}! {{#each items}}[{{@index}}:{{this}}]{{/each}} {{#if ok}}yes{{else}}no{{/if}} {{{raw}}} {{esc}}");
console.log(t({ name: "ada", items: ["x", "y"], ok: false, raw: "<b>", esc: "<i>&" }));
