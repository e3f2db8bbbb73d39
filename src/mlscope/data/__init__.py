"""Data: bundled tables and dataset generators."""
