"""matplotlib drawing of view payloads: one renderer per view type (thumbnails, exports)."""
