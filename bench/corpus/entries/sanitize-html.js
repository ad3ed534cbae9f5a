import sanitizeHtml from "sanitize-html";
console.log(sanitizeHtml('<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(1)">x</a><a href="https://ok.example/">ok</a><img src="y.png"></p><iframe src="e"></iframe>'));
console.log(sanitizeHtml("<b>b</b><i>i</i><u>u</u>", { allowedTags: ["b"] }));
