// A timer that spins after its call has returned: it runs under the
// instance's limits too, and ends it.
export function spinLater() {
  setTimeout(() => {
    for (;;) {}
  }, 10);
  return "scheduled";
}
export const alive = () => "alive";
