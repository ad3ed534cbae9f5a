import pluralize from "pluralize";
console.log(pluralize("test"), pluralize("test", 1), pluralize("test", 5, true), pluralize.singular("geese"), pluralize.plural("person"), pluralize("octopus"), pluralize.isPlural("sheep"), pluralize("Category"));
