// Floods the host with console output: 2,000 lines of 10 KB, and one
// line of 8 MB.
export function flood() {
  const line = "x".repeat(10000);
  for (let i = 0; i < 2000; i++) console.log(line);
  return "flooded";
}
export function oneHugeLine() {
  console.error("y".repeat(8 << 20));
  return "logged";
}
