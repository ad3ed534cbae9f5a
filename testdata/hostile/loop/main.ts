export function spin() {
  for (;;) {}
}
