"""mlscope.nn: a small numpy neural-network toolkit with full introspection."""
