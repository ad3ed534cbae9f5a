import { marked } from "marked";
console.log(marked.parse("# Title\n\nSome *emphasis* and **strong**, `code`, [link](http://x.y).\n\n- a\n- b\n\n| h1 | h2 |\n|----|----|\n| c1 | c2 |\n\n```js\nconst x = 1;\n```\n"));
