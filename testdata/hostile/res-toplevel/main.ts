// Never finishes loading: the module's top level loops.
for (;;) {}
export const never = () => "unreachable";
