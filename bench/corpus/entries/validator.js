import validator from "validator";
console.log(validator.isEmail("foo@bar.com"), validator.isEmail("foo@bar"), validator.isURL("https://x.example/p?q=1"), validator.isUUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), validator.isIP("::1"), validator.isCreditCard("4111111111111111"));
console.log(validator.escape("<a href='x'>&</a>"), validator.normalizeEmail("Foo.Bar+tag@GMail.com"), validator.isISO8601("2024-02-30"), validator.isStrongPassword("Abcdef1!"), validator.isJSON('{"a":1}'));
