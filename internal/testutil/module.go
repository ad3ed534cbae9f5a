package testutil

import "fmt"

// VersionedModule is the files of a module, code, whose hello(name)
// export answers "hello <name> from <version>" through an import, so a
// test can tell which version of an install runs. extra is appended to
// the manifest (permissions, limits).
func VersionedModule(code, version, extra string) map[string]string {
	return map[string]string{
		".core/view.yml": fmt.Sprintf("code: %s\nname: Notes\nversion: %q\n%s", code, version, extra),
		"main.ts": `import { greet } from "./lib/greet";
export function hello(name: string): string { return greet(name); }
`,
		"lib/greet.ts": fmt.Sprintf("export const greet = (n: string): string => `hello ${n} from %s`;\n", version),
	}
}
