"""Every explorable, one module each, in topic folders that match the gallery's topics:
maths/, classic/, deep/, other/. ``mlscope.catalog`` finds them; nothing here imports them.
"""
