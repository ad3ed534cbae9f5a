import { h } from "preact";
import { renderToString } from "preact-render-to-string";
const List = ({ items }) => h("ul", { class: "l" }, items.map((i) => h("li", { key: i, "data-x": i }, i, " & ", h("b", null, "<x>"))));
console.log(renderToString(h("div", { id: "app", style: { color: "red", fontSize: 12 } }, h(List, { items: ["a", "b"] }), h("input", { disabled: true, value: "v" }))));
