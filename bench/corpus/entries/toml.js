import toml from "toml";
console.log(JSON.stringify(toml.parse('title = "TOML"\n[owner]\nname = "Tom"\ndob = 1979-05-27T07:32:00Z\n[database]\nports = [ 8000, 8001 ]\nenabled = true\n[[products]]\nname = "Hammer"\n[[products]]\nname = "Nail"\n')));
try { toml.parse("a = "); } catch (e) { console.log(e.name, e.line, e.column); }
