import Joi from "joi";
const schema = Joi.object({ username: Joi.string().alphanum().min(3).max(30).required(), birth: Joi.number().integer().min(1900).max(2013), email: Joi.string().email({ tlds: false }) });
console.log(JSON.stringify(schema.validate({ username: "abc", birth: 1994 })));
const r = schema.validate({ username: "a!", birth: 1800 }, { abortEarly: false });
console.log(JSON.stringify(r.error.details.map((d) => [d.path.join("."), d.type, d.message])));
