// url: being written
