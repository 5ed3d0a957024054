"""Fashion-MNIST with a small ResNet-18-style network (see study.hpo)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import paperlib as pl  # noqa: E402
from image_task import run  # noqa: E402

ROOT = "/usr/share/datasets/fashion-mnist"
images = pl.read_idx(f"{ROOT}/train-images-idx3-ubyte.gz")[:2000].astype("float32") / 255
labels = pl.read_idx(f"{ROOT}/train-labels-idx1-ubyte.gz")[:2000].astype("int64")
val_images = pl.read_idx(f"{ROOT}/t10k-images-idx3-ubyte.gz")[:1000].astype("float32") / 255
val_labels = pl.read_idx(f"{ROOT}/t10k-labels-idx1-ubyte.gz")[:1000].astype("int64")
run(images, labels, val_images, val_labels, 10)
