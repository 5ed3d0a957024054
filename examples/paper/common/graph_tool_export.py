"""Exports a graph of the collection that Debian's python3-graph-tool ships
(graph_tool/collection/*.gt.gz) to DIR/NAME.npz: the largest connected component
of the undirected graph, as unique (u, v) pairs with u < v and the node count,
plus the node attribute `value` as integer labels when the graph has one.

    /usr/bin/python3 common/graph_tool_export.py NAME DIR [--whole]
"""
import os
import sys

import graph_tool.collection
import graph_tool.topology
import numpy as np


def main():
    name, out = sys.argv[1], sys.argv[2]
    whole = "--whole" in sys.argv[3:]
    g = graph_tool.collection.data[name]
    g.set_directed(False)
    comp, hist = graph_tool.topology.label_components(g)
    keep = np.ones(g.num_vertices(), bool) if whole else comp.a == np.argmax(hist)
    index = -np.ones(g.num_vertices(), dtype=np.int64)
    index[keep] = np.arange(keep.sum())
    e = index[g.get_edges()[:, :2]]
    e = np.sort(e[(e >= 0).all(1)], 1)
    e = np.unique(e[e[:, 0] != e[:, 1]], axis=0)  # no self-loops, no parallel edges
    data = {"edges": e.astype(np.int32), "num_nodes": np.int64(keep.sum())}
    if "value" in g.vp:
        data["label"] = np.asarray(g.vp.value.a)[keep].astype(np.int64)
    os.makedirs(out, exist_ok=True)
    np.savez_compressed(os.path.join(out, name + ".npz"), **data)
    print(f"{name}: {keep.sum()} nodes, {len(e)} edges" +
          (f", labels {np.bincount(data['label']).tolist()}" if "label" in data else ""))


main()
