import BigNumber from "bignumber.js";
console.log(new BigNumber(0.1).plus(0.2).toString(), new BigNumber(2).pow(100).toFixed(), new BigNumber("255").toString(16), new BigNumber("ff", 16).toString(10));
console.log(new BigNumber(1).div(7).toFixed(40), new BigNumber("123456.789").toFormat(2), new BigNumber(-1.5).integerValue(BigNumber.ROUND_HALF_EVEN).toString(), BigNumber.max(1, "3", 2).toString());
