export interface Summary {
  count: number;
  hasSecret: boolean;
  color: string;
  area: number;
  greeting: string;
  cjs: number;
  platform: string;
  heard: string;
}
