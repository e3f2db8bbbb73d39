"""Explorables of the gallery's "classic" topic, one module each."""
