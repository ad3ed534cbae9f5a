import Decimal from "decimal.js";
console.log(new Decimal(0.1).plus(0.2).toString(), new Decimal(2).sqrt().toString(), new Decimal("1e-7").toFixed(10), Decimal.pow(2, 100).toString());
console.log(new Decimal(355).div(113).toSignificantDigits(12).toString(), new Decimal("123.456").toExponential(2), new Decimal(-7.5).round().toString(), new Decimal(10).ln().toFixed(30));
