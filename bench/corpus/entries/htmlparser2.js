import { Parser, parseDocument, DomUtils } from "htmlparser2";
const seen = [];
const p = new Parser({ onopentag: (n, a) => seen.push("open:" + n + JSON.stringify(a)), ontext: (t) => seen.push("text:" + t), onclosetag: (n) => seen.push("close:" + n) });
p.write("<div class='a'>Hello <b>world</b>&amp;<br/>end</div>"); p.end();
console.log(seen.join("|"));
const doc = parseDocument("<ul><li>one</li><li id=x>two</li></ul>");
console.log(DomUtils.getElementsByTagName("li", doc).map((e) => DomUtils.textContent(e)).join(","), DomUtils.getElementById("x", doc).name);
