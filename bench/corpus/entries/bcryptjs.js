import bcrypt from "bcryptjs";
// no top-level await: the bundle is a script (top-level await is another part of issue 12)
(async () => {
const hash = bcrypt.hashSync("s3cret", "$2a$04$abcdefghijklmnopqrstuu");
console.log(hash, bcrypt.compareSync("s3cret", hash), bcrypt.compareSync("nope", hash), bcrypt.getRounds(hash));
const h2 = await bcrypt.hash("pw", 4);
console.log(h2.length, await bcrypt.compare("pw", h2));
})();
