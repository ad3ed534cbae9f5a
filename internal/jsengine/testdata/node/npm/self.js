globalThis.self ??= globalThis; // node 20 has no self; the engine's own is already there
