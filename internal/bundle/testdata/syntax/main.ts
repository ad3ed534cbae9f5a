export function ok() {
  return 1;
}
export function broken( {
  return 2;
}
