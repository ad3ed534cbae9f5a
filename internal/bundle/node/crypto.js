// crypto: being written
