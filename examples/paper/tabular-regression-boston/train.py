"""XGBoost on the Boston house prices (see study.hpo)."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from xgb_task import run  # noqa: E402

PATH = "/usr/lib/python3/dist-packages/sklearn/datasets/data/boston_house_prices.csv"
table = np.genfromtxt(PATH, delimiter=",", skip_header=2)
run(table[:, :-1], table[:, -1], classify=False)
