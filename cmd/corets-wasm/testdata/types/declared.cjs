// Lists what a module's declarations promise at run time: every global value
// that core.d.ts and the ES lib of the generated tsconfig declare, with its
// kind and its members, and the members of the Core interface. Run by
// TestTypesMatchRuntime with node and TypeScript's compiler API:
//
//     node declared.cjs TYPESCRIPT_DIR CORE_D_TS > declared.json
//
// Output: {"globals": [{name, kind, file, static: [MEMBER], proto: [MEMBER]}],
//          "core": [MEMBER]}, a MEMBER being {name, kind, static?, proto?}
// kind is "class" (constructible), "function", "object" or "constant" (a
// primitive); proto lists the methods an instance inherits (data members of
// instances cannot be checked without making one).
"use strict";
const [tsDir, coreDts] = process.argv.slice(2);
const ts = require(tsDir);

const program = ts.createProgram([coreDts], {
  lib: ["lib.es2023.d.ts"],
  types: [],
  noEmit: true,
  strict: true,
});
const checker = program.getTypeChecker();
const source = program.getSourceFile(coreDts);
const diags = ts.getPreEmitDiagnostics(program);
if (diags.length) {
  for (const d of diags) console.error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  process.exit(2);
}

function kindOf(sym, type) {
  // A declared prototype without a constructor is an interface object such as MessagePort: a function at run time.
  if (type.getConstructSignatures().length || (!type.getCallSignatures().length && type.getProperty("prototype"))) return "class";
  if (type.getCallSignatures().length) return "function";
  const f = type.getFlags();
  if (f & (ts.TypeFlags.NumberLike | ts.TypeFlags.StringLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.Undefined | ts.TypeFlags.BigIntLike | ts.TypeFlags.ESSymbolLike)) return "constant";
  return "object";
}

// describe adds what can be checked of a value of `type` to g: its own
// members (static) and, for a class, its instances' methods (proto), to
// `depth` levels (Intl.DateTimeFormat's methods are two levels down).
function describe(g, type, location, depth) {
  if (depth <= 0 || g.kind === "constant") return g;
  g.static = members(type, location, false, depth - 1);
  const ctor = type.getConstructSignatures()[0];
  if (ctor) {
    const inst = ctor.getReturnType();
    g.proto = inst.getFlags() & ts.TypeFlags.Never ? [] : members(inst, location, true, 0);
  }
  return g;
}

function members(type, location, methodsOnly, depth) {
  const out = [];
  for (const p of checker.getPropertiesOfType(type)) {
    const name = p.getName();
    if (name.startsWith("__@") || name === "prototype") continue; // symbol-keyed, or the prototype itself
    const decls = p.getDeclarations() || [];
    const isMethod = decls.some((d) => ts.isMethodSignature(d) || ts.isMethodDeclaration(d));
    if (methodsOnly && !isMethod) continue;
    const t = checker.getTypeOfSymbolAtLocation(p, location);
    // An optional member may be absent; a union with undefined is a constant at most.
    if (p.getFlags() & ts.SymbolFlags.Optional) continue;
    out.push(describe({ name, kind: isMethod ? "function" : kindOf(p, t) }, t, location, depth));
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

const globals = [];
for (const sym of checker.getSymbolsInScope(source, ts.SymbolFlags.Value)) {
  const name = sym.getName();
  const decls = sym.getDeclarations() || [];
  if (!decls.length) continue;
  // Only declarations visible from everywhere: not the module's own locals.
  const files = [...new Set(decls.map((d) => d.getSourceFile().fileName.replace(/^.*\//, "")))];
  const type = checker.getTypeOfSymbolAtLocation(sym, source);
  const kind = kindOf(sym, type);
  // self is globalThis: its members are the globals themselves.
  const flat = name === "self" || name === "globalThis";
  globals.push(describe({ name, kind, file: files.join(",") }, type, source, flat ? 0 : 2));
}
globals.sort((a, b) => (a.name < b.name ? -1 : 1));

const coreSym = checker.getSymbolsInScope(source, ts.SymbolFlags.Type).find((s) => s.getName() === "Core");
const core = members(checker.getDeclaredTypeOfSymbol(coreSym), source, false, 1);
process.stdout.write(JSON.stringify({ globals, core }, null, 1) + "\n");
