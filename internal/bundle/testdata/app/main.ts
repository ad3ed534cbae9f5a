// The bundler's main fixture: a second TS file, an enum, type imports, a
// class with #private fields, async code, JSON and npm packages.
import type { Summary } from "./lib/types";
import { type Shape, Color, area } from "./lib/shapes";
import { Counter } from "./lib/counter";
import { helper } from "./lib/util";
import config from "./data.json";
import { greet } from "esm-pkg";
import cjs from "cjs-pkg";
import { platform } from "cond-pkg";
import { EventEmitter } from "events";

export function summary(): Summary {
  const c = new Counter(config.start);
  c.add(2);
  const square: Shape = { kind: "square", side: 3 };
  const emitter = new EventEmitter();
  let heard = "";
  emitter.on("ping", (v: string) => (heard = v));
  emitter.emit("ping", "pong");
  return {
    count: c.value,
    hasSecret: Counter.hasSecret(c),
    color: Color[Color.Green],
    area: area(square),
    greeting: greet(config.name),
    cjs: cjs.twice(21),
    platform,
    heard,
  };
}

export async function later(n: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  const values = await Promise.all([1, 2, n].map(async (x) => x * 2));
  return values.reduce((a, b) => a + b, 0);
}

export function fail(): never {
  throw new Error("failed in main"); // THROW_MAIN
}

export function failDeep(): number {
  return helper(-1);
}

export function dynamic(name: string): Promise<unknown> {
  return import(name);
}
