import { diffChars, diffWords, diffLines, createTwoFilesPatch, applyPatch } from "diff";
console.log(JSON.stringify(diffChars("beep boop", "beep boob blah").map((p) => [p.added ? "+" : p.removed ? "-" : "=", p.value])));
console.log(JSON.stringify(diffWords("the quick brown fox", "the slow brown dog").map((p) => [p.added ? "+" : p.removed ? "-" : "=", p.value])));
const patch = createTwoFilesPatch("a.txt", "b.txt", "one\ntwo\nthree\n", "one\n2\nthree\nfour\n", "", "");
console.log(patch, applyPatch("one\ntwo\nthree\n", patch), diffLines("a\nb\n", "a\nc\n").length);
