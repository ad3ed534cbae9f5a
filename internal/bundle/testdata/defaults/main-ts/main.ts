export function which() { return "main.ts"; }
