"""Evaluates the hidden convex function of examples/paper/convex-2d at one point.

    f(x, y) = (x - 3.7)^2 + 2 (y + 2.3)^2 + 0.8 (x - 3.7)(y + 2.3)

a positive definite quadratic (eigenvalues 0.87 and 2.13): one minimum, f = 0
at (3.7, -2.3).
"""
import hpoc_trainer as hp

X0, Y0 = 3.7, -2.3


def f(x, y):
    dx, dy = x - X0, y - Y0
    return dx * dx + 2 * dy * dy + 0.8 * dx * dy


def main():
    args = hp.parse_args()
    c = hp.load_config(args.config)
    value = f(float(c["x"]), float(c["y"]))
    with hp.Metrics(args.metrics) as m:
        m.log(epoch=1, value=value)
        m.final(value=value)


if __name__ == "__main__":
    main()
