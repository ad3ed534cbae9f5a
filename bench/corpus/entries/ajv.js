import Ajv from "ajv";
const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile({ type: "object", properties: { id: { type: "integer" }, name: { type: "string", minLength: 2 }, tags: { type: "array", items: { type: "string" }, uniqueItems: true } }, required: ["id", "name"], additionalProperties: false });
console.log(validate({ id: 1, name: "ok", tags: ["a", "b"] }));
console.log(validate({ id: 1.5, name: "x", tags: ["a", "a"], extra: 1 }), JSON.stringify(validate.errors.map((e) => [e.instancePath, e.keyword, e.message])));
