export const name = () => "src/start.ts";
