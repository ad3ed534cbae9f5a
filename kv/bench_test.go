package kv

import (
	"fmt"
	"testing"
)

// The file store runs with sync on: every Set is a durable bbolt commit.

func BenchmarkSet(b *testing.B) {
	for _, bc := range backends {
		b.Run(bc.name, func(b *testing.B) {
			p := bc.open(b, Options{}).Module("bench", Quota{Bytes: 1 << 40})
			value := make([]byte, 100)
			i := 0
			for b.Loop() {
				if _, err := p.Set("g", fmt.Sprint(i%1000), value); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

func BenchmarkGet(b *testing.B) {
	for _, bc := range backends {
		b.Run(bc.name, func(b *testing.B) {
			p := bc.open(b, Options{NoSync: true}).Module("bench", Quota{})
			value := make([]byte, 100)
			for i := range 1000 {
				if _, err := p.Set("g", fmt.Sprint(i), value); err != nil {
					b.Fatal(err)
				}
			}
			i := 0
			for b.Loop() {
				if _, err := p.Get("g", fmt.Sprint(i%1000)); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

func BenchmarkGetParallel(b *testing.B) {
	for _, bc := range backends {
		b.Run(bc.name, func(b *testing.B) {
			p := bc.open(b, Options{NoSync: true}).Module("bench", Quota{})
			for i := range 1000 {
				if _, err := p.Set("g", fmt.Sprint(i), make([]byte, 100)); err != nil {
					b.Fatal(err)
				}
			}
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					if _, err := p.Get("g", fmt.Sprint(i%1000)); err != nil {
						b.Error(err)
						return
					}
					i++
				}
			})
		})
	}
}

func BenchmarkList100(b *testing.B) {
	for _, bc := range backends {
		b.Run(bc.name, func(b *testing.B) {
			p := bc.open(b, Options{NoSync: true}).Module("bench", Quota{})
			for i := range 1000 {
				if _, err := p.Set("g", fmt.Sprintf("%04d", i), make([]byte, 100)); err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				if _, _, err := p.List("g", "", "0500", 100); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
