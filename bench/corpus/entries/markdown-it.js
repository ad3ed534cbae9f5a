import MarkdownIt from "markdown-it";
const md = new MarkdownIt({ linkify: true, typographer: true });
console.log(md.render("# Hi\n\n\"Quotes\" -- and (c) www.example.com\n\n1. one\n2. two\n\n> quote\n\n<b>raw</b>"));
console.log(md.renderInline("__b__ _i_"));
