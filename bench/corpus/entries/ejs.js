import ejs from "ejs";
console.log(ejs.render("<ul><% items.forEach(function(i){ %><li><%= i %></li><% }) %></ul> <%- raw %> <%= n.toFixed(2) %>", { items: ["a", "<b>"], raw: "<i>", n: 3.14159 }));
