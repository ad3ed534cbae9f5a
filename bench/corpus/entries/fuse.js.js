import Fuse from "fuse.js";
const books = [{ title: "Old Man's War", author: "John Scalzi" }, { title: "The Lock Artist", author: "Steve Hamilton" }, { title: "HTML5", author: "Remy Sharp" }, { title: "Right Ho Jeeves", author: "P.D Woodhouse" }];
const fuse = new Fuse(books, { keys: ["title", "author"], includeScore: true, threshold: 0.4 });
console.log(JSON.stringify(fuse.search("jon scalz").map((r) => [r.item.title, r.refIndex, r.score.toFixed(6)])));
console.log(JSON.stringify(fuse.search("lock").map((r) => r.item.title)));
