package manifest

import "strings"

// A manifest's permissions.env names variables a granted program receives
// and whose values the module may set. Some variables are not data but
// code: the dynamic loader, libc, shells and language runtimes read them
// to decide what to load or run before the program does anything of its
// own. A module that set LD_PRELOAD (or BASH_ENV, NODE_OPTIONS, ...) for a
// granted program would run its own code with the host user's rights, so
// these names are refused in every manifest, and again by the host when it
// builds a program's environment (for manifests parsed before this check).
//
// Names are compared without regard to case on every OS: Windows treats
// them so, and a manifest must mean the same wherever it runs.

// envRule is one refused name (or prefix of names) and why.
type envRule struct {
	name   string // upper case
	prefix bool   // name is a prefix: every variable starting with it
	why    string
}

// refusedEnv is the list. Each entry says what reads the variable.
var refusedEnv = []envRule{
	// Set by the runtime itself: PATH is what the granted program resolves
	// its own children with, HOME and the temporary directories are where
	// programs read their configuration and write scratch files.
	{"PATH", false, "the runtime sets it; a module-chosen PATH decides which programs a granted program runs"},
	{"HOME", false, "the runtime sets it; programs read their configuration (and startup files) from it"},
	{"TMPDIR", false, "the runtime sets it"},
	{"TMP", false, "the runtime sets it"},
	{"TEMP", false, "the runtime sets it"},
	{"SYSTEMROOT", false, "the runtime sets it; Windows loads system DLLs from it"},
	{"USERPROFILE", false, "the runtime sets it; Windows programs read their configuration from it"},
	{"PATHEXT", false, "Windows decides from it which files are programs"},
	{"COMSPEC", false, "Windows programs run it as their shell"},

	// Dynamic loaders and libc.
	{"LD_", true, "the dynamic loader reads LD_* (LD_PRELOAD, LD_LIBRARY_PATH, LD_AUDIT load code)"},
	{"DYLD_", true, "macOS's dynamic loader reads DYLD_* (DYLD_INSERT_LIBRARIES loads code)"},
	{"GCONV_PATH", false, "glibc loads character-set converters (shared libraries) from it"},
	{"GLIBC_TUNABLES", false, "glibc's loader parses it at start (it has had exploitable bugs)"},
	{"MALLOC", true, "the C library's allocator reads MALLOC* (some write files or change checks)"},
	{"LOCPATH", false, "glibc loads locale data from it"},
	{"NLSPATH", false, "the C library loads message catalogs from it"},
	{"HOSTALIASES", false, "the resolver reads host aliases from the file it names"},
	{"RES_OPTIONS", false, "it changes the resolver's behaviour"},
	{"LOCALDOMAIN", false, "it changes which names the resolver looks up"},
	{"TZDIR", false, "the C library parses time zone files from it"},
	{"OPENSSL_", true, "OpenSSL loads configuration and engines (shared libraries) from OPENSSL_*"},
	{"SSL_CERT_", true, "TLS libraries trust the certificates SSL_CERT_* names"},

	// Shells.
	{"BASH_", true, "bash reads BASH_* (BASH_ENV runs a file at start, BASH_FUNC_* define functions)"},
	{"ENV", false, "POSIX shells run the file it names at start"},
	{"SHELLOPTS", false, "bash takes its options from it"},
	{"BASHOPTS", false, "bash takes its options from it"},
	{"PS4", false, "bash expands (and runs commands in) it when tracing"},
	{"PROMPT_COMMAND", false, "bash runs it"},
	{"IFS", false, "it changes how shells split words"},
	{"CDPATH", false, "it changes where a shell's cd goes"},
	{"ZDOTDIR", false, "zsh runs startup files from it"},
	{"SHELL", false, "programs run it as their shell"},

	// Variables whose value is a command a program runs.
	{"EDITOR", false, "programs run it as a command"},
	{"VISUAL", false, "programs run it as a command"},
	{"PAGER", false, "programs run it as a command"},
	{"LESSOPEN", false, "less runs it as a command"},
	{"LESSCLOSE", false, "less runs it as a command"},
	{"BROWSER", false, "programs run it as a command"},
	{"SSH_ASKPASS", false, "ssh runs it as a command"},
	{"SUDO_ASKPASS", false, "sudo runs it as a command"},
	{"GIT_", true, "git reads GIT_* (GIT_CONFIG*, GIT_EXEC_PATH, GIT_SSH_COMMAND run or load code)"},

	// Language runtimes: each loads code or options from these before the
	// program's own code runs.
	{"PYTHON", true, "Python reads PYTHON* (PYTHONPATH, PYTHONSTARTUP, PYTHONHOME, PYTHONINSPECT load code)"},
	{"PERL5", true, "Perl reads PERL5LIB and PERL5OPT (they load code)"},
	{"PERLLIB", false, "Perl loads modules from it"},
	{"PERL_", true, "Perl reads PERL_* options"},
	{"RUBYOPT", false, "Ruby takes options (-r loads code) from it"},
	{"RUBYLIB", false, "Ruby loads libraries from it"},
	{"GEM_", true, "RubyGems loads gems from GEM_*"},
	{"NODE_", true, "Node.js reads NODE_* (NODE_OPTIONS --require loads code, NODE_PATH)"},
	{"JAVA_TOOL_OPTIONS", false, "the JVM takes options (-javaagent loads code) from it"},
	{"_JAVA_OPTIONS", false, "the JVM takes options (-javaagent loads code) from it"},
	{"JDK_JAVA_OPTIONS", false, "the java launcher takes options from it"},
	{"CLASSPATH", false, "the JVM loads classes from it"},
	{"LUA_", true, "Lua reads LUA_* (LUA_INIT runs code, LUA_PATH loads modules)"},
	{"PHPRC", false, "PHP reads its configuration (auto_prepend_file) from it"},
	{"PHP_INI_SCAN_DIR", false, "PHP reads configuration files from it"},
}

// RefusedEnv says why a module may not name the environment variable name
// under permissions.env, or returns "" when it may. The runtime applies the
// same rule when it builds a granted program's environment.
func RefusedEnv(name string) string {
	up := strings.ToUpper(name)
	for _, r := range refusedEnv {
		if up == r.name || r.prefix && strings.HasPrefix(up, r.name) {
			return r.why
		}
	}
	return ""
}
