const base = 10;
module.exports = {
  add(a, b) {
    return base + a + b;
  },
};
