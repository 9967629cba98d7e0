#!/usr/bin/env python3
"""Damages or forges HDF5 files with h5py, for the error tests of tests/study.

edit_study.py FILE foreign              -- a new HDF5 file that is not a study
edit_study.py FILE set-attr OBJ NAME V  -- integer attribute (or text if V is not a number)
edit_study.py FILE reshape PATH D1 ...  -- replace a float dataset by zeros of another shape
edit_study.py FILE delete PATH          -- remove an object
edit_study.py FILE as-text PATH         -- replace a dataset by text of the same length
edit_study.py FILE add-group PATH       -- add an empty group
edit_study.py FILE fixed-text PATH      -- rewrite a text dataset as fixed-length bytes
edit_study.py FILE fixed-attr OBJ NAME  -- rewrite a text attribute as fixed-length UTF-8
"""
import sys

import h5py
import numpy as np


def main(path, op, *args):
    if op == "foreign":
        with h5py.File(path, "w") as f:
            f.attrs["title"] = "an image stack"
            f.create_dataset("images", data=np.arange(12.0).reshape(3, 4))
        return
    with h5py.File(path, "r+") as f:
        if op == "set-attr":
            obj, name, value = args
            try:
                f[obj].attrs[name] = np.int64(int(value))
            except ValueError:
                f[obj].attrs[name] = value
        elif op == "reshape":
            target, dims = args[0], tuple(int(d) for d in args[1:])
            del f[target]
            f.create_dataset(target, data=np.zeros(dims))
        elif op == "delete":
            del f[args[0]]
        elif op == "as-text":
            n = len(f[args[0]])
            del f[args[0]]
            f.create_dataset(args[0], data=["x"] * n, dtype=h5py.string_dtype())
        elif op == "add-group":
            f.create_group(args[0])
        elif op == "fixed-text":
            values = [v.encode("utf-8") for v in f[args[0]].asstr()[()]]
            size = max([len(v) for v in values] + [1])
            del f[args[0]]
            # numpy bytes: fixed-length text, character set ASCII (the bytes are UTF-8)
            f.create_dataset(args[0], data=np.array(values, dtype="S%d" % size))
        elif op == "fixed-attr":
            obj, name = args
            value = f[obj].attrs[name]
            if isinstance(value, str):
                data = value.encode("utf-8")
                f[obj].attrs.create(name, np.array(data, dtype="S%d" % max(len(data), 1)),
                                    dtype=h5py.string_dtype("utf-8", max(len(data), 1)))
            else:
                data = [v.encode("utf-8") for v in value]
                size = max([len(v) for v in data] + [1])
                f[obj].attrs.create(name, np.array(data, dtype="S%d" % size),
                                    dtype=h5py.string_dtype("utf-8", size))
        else:
            raise SystemExit("unknown operation " + op)


if __name__ == "__main__":
    main(*sys.argv[1:])
