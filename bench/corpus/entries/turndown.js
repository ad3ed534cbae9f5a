import TurndownService from "turndown";
const td = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced" });
console.log(td.turndown("<h1>Title</h1><p>Some <em>emphasis</em> and <strong>bold</strong> <a href='http://x.y'>link</a></p><ul><li>a</li><li>b</li></ul><pre><code>code()</code></pre>"));
