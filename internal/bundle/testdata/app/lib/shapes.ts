export enum Color {
  Red,
  Green,
  Blue,
}

export type Shape = { kind: "square"; side: number } | { kind: "circle"; radius: number };

export function area(s: Shape): number {
  switch (s.kind) {
    case "square":
      return s.side * s.side;
    case "circle":
      return Math.PI * s.radius ** 2;
  }
}
