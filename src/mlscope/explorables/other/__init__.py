"""Explorables of the gallery's "other" topic, one module each."""
