// A module reaching for a Node built-in: refused when bundled.

import { execSync } from "node:child_process";

export function run(cmd: string): string {
  return execSync(cmd).toString();
}
