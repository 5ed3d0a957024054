"""XGBoost on the statsmodels 'fair' affairs survey (see study.hpo)."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from xgb_task import run  # noqa: E402

PATH = "/usr/lib/python3/dist-packages/statsmodels/datasets/fair/fair.csv"
table = np.genfromtxt(PATH, delimiter=",", skip_header=1)
run(table[:, :-1], (table[:, -1] > 0).astype(np.float64), classify=True)
