"""A small Transformer text classifier on this task's data/text.npz (see study.hpo)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import paperlib as pl  # noqa: E402
from text_task import run  # noqa: E402

run(pl.data_path(__file__, "text.npz"))
