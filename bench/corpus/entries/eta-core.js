import { Eta } from "eta/core";
const eta = new Eta({ autoEscape: true });
eta.loadTemplate("@layout", "<main><%~ it.body %></main>");
console.log(eta.renderString("<% layout('@layout') %>Hi <%= it.name %>! <% for (const x of it.list) { %>[<%= x %>]<% } %>", { name: "<Ada>", list: [1, 2] }));
