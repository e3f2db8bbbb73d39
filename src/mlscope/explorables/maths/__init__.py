"""Explorables of the gallery's "maths" topic, one module each."""
