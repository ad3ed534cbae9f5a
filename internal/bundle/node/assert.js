// assert: being written
