import ini from "ini";
const c = ini.parse("; comment\nscope = global\n[database]\nuser = dbuser\npassword = dbpassword\n[paths.default]\ndatadir = /var/lib/data\narray[] = first\narray[] = second\n");
console.log(JSON.stringify(c));
c.scope = "local"; c.database.database = "use_this";
console.log(ini.stringify(c, { section: "section" }));
