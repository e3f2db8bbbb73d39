"""Deep learning explorables."""
