import Big from "big.js";
console.log(new Big(0.1).plus(0.2).toString(), new Big("1234.5678").round(2).toString(), new Big(1).div(3).toString(), new Big(2).pow(64).toFixed());
console.log(new Big("9.99").times(3).toString(), new Big("1e21").toString(), new Big("-0.000001").toExponential(3), new Big(10).sqrt().toPrecision(15));
