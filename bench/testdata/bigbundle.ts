// The big-bundle figure's module: six popular packages, each doing real work,
// and one line of output that must read the same in every runtime. The bench
// harness copies it next to the packages it installed with npm and runs it
// with corets-wasm run, and bundled by esbuild with node.
import { z } from "zod";
import { marked } from "marked";
import { addDays, differenceInCalendarDays, formatISO, parseISO } from "date-fns";
import { chunk, groupBy, orderBy, sumBy, uniq, kebabCase } from "lodash-es";
import YAML from "yaml";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";

const Order = z.object({
  id: z.number().int().positive(),
  customer: z.string().min(1),
  email: z.string().email(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  items: z.array(z.object({ sku: z.string(), qty: z.number().int().min(1), price: z.number().nonnegative() })).min(1),
  tags: z.array(z.string()).default([]),
});

// Deterministic data: no clock, no Math.random.
const names = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth"];
const raw = [];
for (let i = 1; i <= 300; i++) {
  const name = names[i % names.length];
  raw.push({
    id: i,
    customer: name,
    email: name.toLowerCase().replace(" ", ".") + "@example.org",
    day: formatISO(addDays(parseISO("2024-01-01T00:00:00Z"), (i * 7) % 365), { representation: "date" }),
    items: Array.from({ length: 1 + (i % 4) }, (_, k) => ({ sku: "SKU-" + ((i * 31 + k) % 50), qty: 1 + ((i + k) % 5), price: ((i * 13 + k * 7) % 100) + 0.5 })),
    tags: i % 3 === 0 ? ["priority", "gift"] : ["standard"],
  });
}
raw.push({ id: -1, customer: "", email: "nope", day: "yesterday", items: [] });

let valid = [], invalid = 0;
for (const r of raw) {
  const p = Order.safeParse(r);
  if (p.success) valid.push(p.data);
  else invalid += p.error.issues.length;
}

// lodash: group, order, sum, chunk
const total = (o) => sumBy(o.items, (it) => it.qty * it.price);
const byCustomer = groupBy(valid, "customer");
const ranking = orderBy(Object.keys(byCustomer).map((c) => ({ customer: c, slug: kebabCase(c), orders: byCustomer[c].length, total: Math.round(sumBy(byCustomer[c], total) * 100) / 100 })), ["total", "customer"], ["desc", "asc"]);
const skus = uniq(valid.flatMap((o) => o.items.map((it) => it.sku))).sort();
const pages = chunk(valid, 25).length;

// date-fns: span of the orders
const days = valid.map((o) => o.day).sort();
const span = differenceInCalendarDays(parseISO(days[days.length - 1]), parseISO(days[0]));

// yaml: round trip
const doc = YAML.stringify({ ranking, skus, pages, span });
const back = YAML.parse(doc);
const yamlOK = JSON.stringify(back) === JSON.stringify({ ranking, skus, pages, span });

// marked: a report in markdown, rendered to HTML
let md = "# Orders report\n\n| customer | orders | total |\n|---|---:|---:|\n";
for (const r of ranking) md += `| ${r.customer} | ${r.orders} | ${r.total} |\n`;
md += "\n" + valid.slice(0, 60).map((o) => `- **#${o.id}** on _${o.day}_: ${o.items.map((it) => "`" + it.sku + "`").join(", ")}`).join("\n") + "\n";
const html = marked.parse(md);

// preact: a component tree rendered to a string
const Row = ({ r }) => h("tr", { class: r.slug }, h("td", null, r.customer), h("td", null, String(r.orders)), h("td", null, r.total.toFixed(2)));
const Page = () => h("main", null, h("h1", null, "Customers"), h("table", null, h("tbody", null, ranking.map((r) => h(Row, { r, key: r.slug })))), h("ul", null, skus.map((s) => h("li", { key: s }, s))));
const page = renderToString(h(Page, null));

// FNV-1a of everything produced, so that any difference shows.
function fnv(s) {
  let x = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { x ^= s.charCodeAt(i); x = Math.imul(x, 0x01000193) >>> 0; }
  return x.toString(16).padStart(8, "0");
}
console.log(JSON.stringify({ valid: valid.length, invalid, customers: ranking.length, top: ranking[0].customer, skus: skus.length, pages, span, yamlOK, html: html.length, page: page.length, hash: fnv(doc + html + page) }));
