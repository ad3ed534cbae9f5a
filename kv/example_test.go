package kv_test

import (
	"errors"
	"fmt"

	"github.com/corets/corets-wasm/kv"
)

// A host gives each module its own partition and checks grants before
// handing out the shared one.
func Example() {
	db := kv.OpenMemory(kv.Options{}) // kv.Open(path, kv.Options{}) for a file
	defer db.Close()

	notes := db.Module("notes", kv.Quota{Bytes: 1 << 20, Keys: 1000})
	v1, _ := notes.Set("drafts", "today", []byte("buy milk"))

	// Another module's group "drafts" is its own.
	_, err := db.Module("todo", kv.Quota{}).Get("drafts", "today")
	fmt.Println(errors.Is(err, kv.ErrNotFound))

	// Compare-and-set: a writer holding an old version loses.
	v2, _ := notes.CompareAndSet("drafts", "today", []byte("buy oat milk"), v1)
	_, err = notes.CompareAndSet("drafts", "today", []byte("buy cream"), v1)
	fmt.Println(err)

	entries, next, _ := notes.List("drafts", "", "", 10)
	fmt.Printf("%s=%s next=%q latest=%v\n", entries[0].Key, entries[0].Value, next, entries[0].Version == v2)

	// "_" groups are the runtime's.
	_, err = notes.Set("_modules", "x", nil)
	fmt.Println(errors.Is(err, kv.ErrInvalid))

	u, _ := notes.Usage()
	fmt.Printf("%d bytes in %d keys\n", u.Bytes, u.Keys)
	// Output:
	// true
	// store conflict on key "today" in group "drafts": expected version 1, it is at version 2
	// today=buy oat milk next="" latest=true
	// true
	// 17 bytes in 1 keys
}

// Paging through a group with List's cursor.
func ExamplePartition_List() {
	db := kv.OpenMemory(kv.Options{})
	defer db.Close()
	p := db.Shared(kv.Quota{})
	for _, k := range []string{"user/1", "user/2", "user/3", "group/1"} {
		p.Set("directory", k, nil)
	}
	after := ""
	for {
		page, next, err := p.List("directory", "user/", after, 2)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, e := range page {
			fmt.Println(e.Key)
		}
		if next == "" {
			break
		}
		after = next
	}
	// Output:
	// user/1
	// user/2
	// user/3
}
