import { of, from, range, firstValueFrom, lastValueFrom, timer } from "rxjs";
import { map, filter, scan, take, mergeMap, toArray, reduce, delay } from "rxjs/operators";
// no top-level await: the bundle is a script (top-level await is another part of issue 12)
(async () => {
range(1, 10).pipe(filter((x) => x % 2), map((x) => x * 10), scan((a, b) => a + b, 0)).subscribe((v) => console.log("scan", v));
console.log(JSON.stringify(await lastValueFrom(from([1, 2, 3]).pipe(mergeMap((x) => of(x, x * 100)), toArray()))));
console.log(await firstValueFrom(timer(5).pipe(map(() => "timer fired"))), await lastValueFrom(of(1, 2, 3).pipe(delay(1), reduce((a, b) => a + b))));
})();
