package main

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
)

// memSample is the process's memory at one moment, after the garbage
// collector has run and returned what it freed.
//
// RSS counts every page the process has resident, once per process: a page of
// ours' shared copy-on-write image that 1000 instances read counts in full for
// each mapping's share of the RSS delta. PSS divides each resident page among
// the mappings that share it, so 1000 instances reading one image page add
// 1/1000 of it each: it is the honest measure of what a shared image costs.
// Both come from /proc/self/smaps_rollup (Linux); elsewhere ok is false and
// the rows say "—". goHeap is runtime.MemStats.HeapAlloc (live Go objects).
type memSample struct {
	rss, pss int64 // bytes
	ok       bool
	goHeap   int64
}

func settledMem() memSample {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s := memSample{goHeap: int64(ms.HeapAlloc)}
	s.rss, s.pss, s.ok = smapsRollup()
	return s
}

// smapsRollup reads Rss and Pss (in bytes) from /proc/self/smaps_rollup.
func smapsRollup() (rss, pss int64, ok bool) {
	b, err := os.ReadFile("/proc/self/smaps_rollup")
	if err != nil {
		return 0, 0, false
	}
	var haveRSS, havePSS bool
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		if len(f) < 2 {
			continue
		}
		kib, err := strconv.ParseInt(string(f[1]), 10, 64)
		if err != nil {
			continue
		}
		switch string(f[0]) {
		case "Rss:":
			rss, haveRSS = kib*1024, true
		case "Pss:":
			pss, havePSS = kib*1024, true
		}
	}
	return rss, pss, haveRSS && havePSS
}

// idleMem is what n idle instances added, per instance, in KiB.
type idleMem struct {
	rssKiB, pssKiB float64
	ok             bool // rss and pss known (Linux)
	goHeapKiB      float64
}

func perInstance(before, after memSample, n int) idleMem {
	per := func(a, b int64) float64 { return float64(b-a) / float64(n) / 1024 }
	return idleMem{
		rssKiB:    per(before.rss, after.rss),
		pssKiB:    per(before.pss, after.pss),
		ok:        before.ok && after.ok,
		goHeapKiB: per(before.goHeap, after.goHeap),
	}
}

// startCPUProfile writes a CPU profile to path until the returned stop is
// called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
