import { create, all } from "mathjs";
const math = create(all);
console.log(math.evaluate("sqrt(3^2 + 4^2)"), math.format(math.evaluate("1.2 * (2 + 4.5)"), { precision: 14 }), math.evaluate("12.7 cm to inch").toString());
console.log(math.det([[1, 2], [3, 4]]), JSON.stringify(math.multiply([[1, 2], [3, 4]], [[5], [6]])), math.format(math.fraction(1, 3).add(math.fraction(1, 6))));
console.log(math.derivative("x^2 + 3x", "x").toString(), math.simplify("2x + 3x").toString(), math.evaluate("det([-1, 2; 3, 1])"), math.bignumber("0.1").plus("0.2").toString());
console.log(math.evaluate("sin(pi/4)"), math.round(math.e, 5), math.std([2, 4, 4, 4, 5, 5, 7, 9]), math.complex("2+3i").mul(math.complex("1-i")).toString());
