"""The notebook face: an anywidget that runs a session over the kernel's comm."""
