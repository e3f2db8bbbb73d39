"""mlscope.nn: a small numpy neural-network toolkit with full introspection.

- ``activations``: every activation with its derivative;
- ``losses``: squared error, softmax and sigmoid cross-entropy with gradients;
- ``mlp.MLP``: a fully connected network whose forward pass can return every neuron;
- ``optimisers``: SGD, momentum, RMSProp, Adam;
- ``train.Trainer``: the mini-batch loop with regularisation and dropout;
- ``functional`` and ``linear``: the pieces the neural-network basics series uses.
"""

from mlscope.nn.activations import ACTIVATIONS
from mlscope.nn.losses import SIGMOID_CE, SOFTMAX_CE, SQUARE
from mlscope.nn.mlp import MLP
from mlscope.nn.optimisers import OPTIMISERS
from mlscope.nn.train import Trainer

__all__ = ["ACTIVATIONS", "MLP", "OPTIMISERS", "SIGMOID_CE", "SOFTMAX_CE", "SQUARE", "Trainer"]
