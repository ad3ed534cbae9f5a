import semver from "semver";
console.log(semver.valid("1.2.3"), semver.clean("  =v1.2.3  "), semver.satisfies("1.2.3", "1.x || >=2.5.0 || 5.0.0 - 7.2.3"), semver.gt("1.2.3", "9.8.7"));
console.log(semver.inc("1.2.3-beta.1", "prerelease"), semver.maxSatisfying(["1.2.3", "1.2.4", "1.3.0", "2.0.0"], "~1.2.0"), semver.coerce("v3.4 final").version);
console.log(JSON.stringify(["1.10.0", "1.2.0", "1.2.0-rc.1", "0.9.9"].sort(semver.compare)), semver.validRange(">=1.2 <2 || ^3"), semver.diff("1.2.3", "1.3.0"));
