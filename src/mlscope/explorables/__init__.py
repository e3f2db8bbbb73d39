"""Every explorable, one module each, grouped by topic: math/, classic/, deep/, other/.

Importing this package registers them all in ``mlscope.core.catalog``.
"""

from mlscope.explorables.deep import (  # noqa: F401
    classification,
    house_prices,
    network_shape,
    playground,
    softmax,
    transform,
    two_inputs,
)
