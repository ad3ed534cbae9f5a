export function which() { return "index.js"; }
