import nunjucks from "nunjucks";
const env = new nunjucks.Environment(null, { autoescape: true });
env.addFilter("shout", (s) => s + "!");
console.log(env.renderString("{% for u in users %}{{ loop.index }}.{{ u.name | upper | shout }} {% endfor %}{{ html }} {{ 3 + 4 * 2 }} {% if x > 2 %}big{% else %}small{% endif %} {{ items | join(',') }} {{ 'abc' | replace('b', 'B') }}", { users: [{ name: "ada" }, { name: "bob" }], html: "<p>", x: 3, items: [1, 2, 3] }));
