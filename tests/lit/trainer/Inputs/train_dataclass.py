from dataclasses import dataclass, field
from typing import Literal


@dataclass
class Hparams:
    """What the MLP is trained with."""

    lr: float = 1e-3  # Step size of the optimiser.
    hidden: int = 64
    """Units in the hidden layer."""
    optimizer: Literal["adam", "sgd"] = "adam"
    dropout: float = field(default=0.1)
    shuffle: bool = True
    epochs: int = 10
