"""A scikit-learn style trainer whose hyperparameters are argparse options."""
import argparse

parser = argparse.ArgumentParser(description="Gradient-boosted trees on breast cancer data.")
parser.add_argument("--config", help="hpoc's config file")
parser.add_argument("--max-depth", type=int, default=6, help="Deepest a tree may grow.")
parser.add_argument("--eta", type=float, default=0.3, help="Learning rate.")
parser.add_argument("--booster", choices=["gbtree", "dart"], default="gbtree")
parser.add_argument("--subsample", default=1.0, help="Rows sampled per tree.")
parser.add_argument("--early-stop", action="store_true", help="Stop when validation stalls.")
parser.add_argument("--objective", type=str, default="binary:logistic")
parser.add_argument("--seed", type=lambda s: int(s, 0), default=0)
parser.add_argument("data", help="the CSV file")
args = parser.parse_args()
