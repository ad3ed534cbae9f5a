// The runtime half of TestTypesMatchRuntime: the test puts this file in a
// module beside core.d.ts, with declared.ts (what declared.cjs listed, and
// a reference to every declared global, so tsc checks each name is
// declared), and calls probe(). It reports every declared name that the
// runtime lacks or has as another kind, and every global and core member
// the runtime has that nothing declares.
/// <reference path="./core.d.ts" />
import { declared, refs, type Member } from "./declared";

type Kind = "class" | "function" | "object" | "constant";

function isConstructor(v: unknown): boolean {
  if (typeof v !== "function") return false;
  try {
    // Constructs a String with v as new.target: throws only if v has no [[Construct]], and never runs v.
    Reflect.construct(String, [], v);
    return true;
  } catch {
    return false;
  }
}

function kindOf(v: unknown): Kind {
  if (typeof v === "function") return isConstructor(v) ? "class" : "function";
  if (v !== null && typeof v === "object") return "object";
  return "constant";
}

// fits says whether a value of kind `got` keeps the promise of `want`: a
// class is a function too, and a function may be constructible.
function fits(want: Kind, got: Kind): boolean {
  if (want === got) return true;
  return want === "function" && got === "class";
}

// lookup finds `name` on `obj` or its prototype chain without running a getter on the wrong receiver.
function lookup(obj: object, name: string): PropertyDescriptor | undefined {
  for (let o: object | null = obj; o !== null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return d;
  }
  return undefined;
}

const problems: string[] = [];

function check(path: string, value: unknown, m: Member): void {
  const got = kindOf(value);
  if (!fits(m.kind, got)) {
    problems.push(`${path}: declared ${m.kind}, runtime ${value === undefined ? "missing" : got}`);
    return;
  }
  if (typeof value !== "function" && (typeof value !== "object" || value === null)) return;
  for (const s of m.static ?? []) {
    const d = lookup(value, s.name);
    if (!d) {
      problems.push(`${path}.${s.name}: declared ${s.kind}, runtime missing`);
      continue;
    }
    let v: unknown;
    try {
      v = d.get ? d.get.call(value) : d.value;
    } catch (e) {
      problems.push(`${path}.${s.name}: its getter throws ${e}`);
      continue;
    }
    check(`${path}.${s.name}`, v, s);
  }
  if (m.proto && m.proto.length) {
    const proto = (value as { prototype?: unknown }).prototype;
    if (proto === null || (typeof proto !== "object" && typeof proto !== "function")) {
      problems.push(`${path}.prototype: missing`);
      return;
    }
    for (const p of m.proto) {
      const d = lookup(proto as object, p.name);
      // A method is a function-valued data property, or (Intl's format, compare) a getter returning one.
      if (!d || (!d.get && typeof d.value !== "function")) {
        problems.push(`${path}.prototype.${p.name}: declared method, runtime ${d ? typeof d.value : "missing"}`);
      }
    }
  }
}

export function probe() {
  const names = new Set<string>();
  for (const g of declared.globals) {
    names.add(g.name);
    let v: unknown;
    try {
      v = refs[g.name]();
    } catch {
      v = undefined; // a ReferenceError: not there
    }
    check(g.name, v, g);
  }
  const undeclared = Object.getOwnPropertyNames(globalThis).filter((n) => !names.has(n)).sort();
  const coreNames = new Set(declared.core.map((m) => m.name));
  check("core", core, { name: "core", kind: "object", static: declared.core });
  const coreUndeclared = Object.keys(core).filter((n) => !coreNames.has(n)).sort();
  return { problems, undeclared, coreUndeclared };
}
