// Errors that read like a stack overflow but that the module threw itself.
// The host must not take them for the engine's stack limit: a module could
// otherwise pass its own failure off as one (and an embedder that treats a
// stack overflow specially would be fooled). Only the engine's own
// exception object counts, whatever the text says.

declare const InternalError: ErrorConstructor;

export function rangeError() {
  throw new RangeError("stack overflow");
}
export function internalError() {
  throw new InternalError("stack overflow");
}
export function renamed() {
  const e = new Error("stack overflow");
  e.name = "InternalError";
  throw e;
}
// The real one, caught, and a copy of it thrown in its place.
export function copied() {
  let real: Error | undefined;
  const f = (): number => f() + 1;
  try {
    f();
  } catch (e) {
    real = e as Error;
  }
  const copy = new InternalError(real!.message);
  copy.stack = real!.stack;
  throw copy;
}
export async function rejected() {
  await Promise.resolve();
  throw new InternalError("stack overflow");
}
// The real one still is one.
export function recurse(): number {
  return recurse() + 1;
}
export const alive = () => "alive";
