import { Eta } from "eta";
const eta = new Eta();
console.log(eta.renderString("Hi <%= it.name %>! <% it.list.forEach(function (x) { %>[<%= x %>]<% }) %> <%~ it.raw %>", { name: "<Ada>", list: [1, 2], raw: "<b>" }));
