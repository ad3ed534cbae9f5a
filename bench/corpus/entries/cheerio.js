import * as cheerio from "cheerio";
const $ = cheerio.load('<ul id="fruits"><li class="apple">Apple</li><li class="orange">Orange</li><li class="pear">Pear &amp; co</li></ul>');
console.log($(".apple").text(), $("ul li").length, $("li").map((i, el) => $(el).attr("class")).get().join(","));
$("ul").append("<li class=plum>Plum</li>");
$(".pear").addClass("ripe");
console.log($.html("#fruits"));
console.log($("li:nth-child(2)").text(), $("li").last().text());
