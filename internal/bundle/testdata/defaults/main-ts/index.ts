export function which() { return "index.ts"; }
