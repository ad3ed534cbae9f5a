import { parse } from "csv-parse/sync";
console.log(JSON.stringify(parse('a,b,c\n1,"2,5",3\n4,5,"six ""quoted"""\n', { columns: true, skip_empty_lines: true, cast: true })));
try { parse('a,b\n1,2,3\n'); } catch (e) { console.log(e.code); }
