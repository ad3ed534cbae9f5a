// process: being written
