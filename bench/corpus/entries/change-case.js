import { camelCase, capitalCase, constantCase, dotCase, kebabCase, pascalCase, pathCase, sentenceCase, snakeCase, trainCase } from "change-case";
const s = "version 1.2.10 of XMLHttpRequest_fooBar";
console.log([camelCase, capitalCase, constantCase, dotCase, kebabCase, pascalCase, pathCase, sentenceCase, snakeCase, trainCase].map((f) => f(s)).join(" | "));
