// assert_strict: being written
