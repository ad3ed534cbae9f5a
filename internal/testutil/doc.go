// Package testutil holds the helpers the project's tests share: writing
// module trees, waiting for a condition without sleeping a fixed time, and
// finding the processes a module left behind.
//
// It is for _test.go files only: production code must never import it (a
// test in this package checks that no non-test file does).
package testutil
