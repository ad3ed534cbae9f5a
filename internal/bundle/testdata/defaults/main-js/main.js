export function which() { return "main.js"; }
