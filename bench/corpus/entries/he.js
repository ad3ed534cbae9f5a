import he from "he";
console.log(he.encode("foo © bar ≠ baz 𝌆 qux <&>"), he.decode("&lt;p&gt; &copy; &#x1D306; &nbsp;&amp;&eacute;"), he.escape("<img src='x'>"));
console.log(he.encode("ü", { useNamedReferences: true }));
