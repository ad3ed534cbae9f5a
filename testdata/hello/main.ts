// The smallest module: init runs once when the module loads, and every
// exported function can be called by the host with JSON arguments.
let greeted = 0;

export function init(core: Core) {
  console.log(`hello ${core.module.version} ready`);
}

export function hello(input: { name: string }) {
  greeted++;
  return { greeting: `hi ${input.name}`, greeted };
}
