#!/usr/bin/env python3
"""Dumps every attribute and dataset of an HDF5 file as JSON, read with h5py only.

Used by tests/study as an independent reader of BasinScope study files.
NaN becomes null; text is decoded as UTF-8; group member order is h5py's iteration order.
"""
import json
import math
import sys

import h5py
import numpy as np


def clean(value):
    if isinstance(value, np.ndarray):
        return [clean(v) for v in value.tolist()] if value.ndim else clean(value.item())
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


def main(path):
    out = {"attrs": {}, "data": {}, "dtypes": {}, "order": {}}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            key = "/" + name
            if obj.attrs:
                out["attrs"][key] = {k: clean(v) for k, v in obj.attrs.items()}
            if isinstance(obj, h5py.Dataset):
                if h5py.check_string_dtype(obj.dtype) is not None:
                    out["data"][key] = clean(obj.asstr()[()])
                else:
                    out["data"][key] = clean(obj[()])
                out["dtypes"][key] = str(obj.dtype)
            else:
                out["order"][key] = list(obj.keys())
        out["attrs"]["/"] = {k: clean(v) for k, v in f.attrs.items()}
        out["order"]["/"] = list(f.keys())
        f.visititems(visit)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
