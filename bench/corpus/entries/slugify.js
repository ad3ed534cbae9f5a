import slugify from "slugify";
console.log(slugify("some string"), slugify("Ünïcödé Straße & Co.", { lower: true, strict: true }), slugify("I ♥ Dogs"), slugify("  trim_me--ok  ", "_"));
