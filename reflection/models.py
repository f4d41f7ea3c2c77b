"""The reflectie-instrument: a senior and a worker look at how the method is applied, to learn."""
