// Package cachefile is what the runtime's on-disk caches (wazero's
// compiled code, the bundles) share: where they live by default, the secret
// key that authenticates a cache directory's entries, the seal (an HMAC
// under that key) and the atomic write.
//
// Anything a module can write is never trusted as code or data of the
// runtime, and a cache directory may be reachable by a module if an
// embedder misplaces it: so nothing read from a cache is used before its
// seal is checked under the directory's key, and the key file itself is
// refused unless it is a regular file only its owner can read.
package cachefile
