"""The lens: the transformation views for the user's own model and data.

>>> import mlscope.lens
>>> lt = mlscope.lens.layer_transform(model, X, y, layer=0)   # doctest: +SKIP
>>> lt.plot(); lt.save("transform.gif")                        # doctest: +SKIP

Accepted models: ``adapters.SUPPORTED``. Where things live: ``adapters`` reads a model,
``transformation`` computes the path of the data, ``views`` builds the frames, ``explorable``
makes a session of them, ``displays`` is the public API; ``embedding`` puts a table's rows on
the plane (t-SNE, UMAP, PCA).
"""

from mlscope.lens.adapters import SUPPORTED, LensError
from mlscope.lens.displays import (
    DecisionBoundary,
    LayerTransform,
    LensDisplay,
    Surface,
    decision_boundary,
    layer_transform,
    surface,
)
from mlscope.lens.embedding import Embedding, embedding

__all__ = ["SUPPORTED", "DecisionBoundary", "Embedding", "LayerTransform", "LensDisplay",
           "LensError", "Surface", "decision_boundary", "embedding", "layer_transform",
           "surface"]
