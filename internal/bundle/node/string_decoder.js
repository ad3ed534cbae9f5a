// string_decoder: being written
