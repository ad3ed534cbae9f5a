import * as yup from "yup";
// no top-level await: the bundle is a script (top-level await is another part of issue 12)
(async () => {
const schema = yup.object({ name: yup.string().required(), age: yup.number().min(18).required(), email: yup.string().email() });
console.log(JSON.stringify(await schema.validate({ name: "Ada", age: "36", email: "ada@example.com" })));
try { await schema.validate({ age: 3, email: "x" }, { abortEarly: false }); } catch (e) { console.log(e.name, JSON.stringify(e.errors)); }
console.log(schema.isValidSync({ name: "b", age: 20 }));
})();
