#!/usr/bin/env python3
"""Writes the committed seed corpora of the fuzz targets (fuzz/corpus/<target>/).

Deterministic: running it again gives the same bytes. Seeds are small on purpose; the fuzzer
grows its own corpus (build/fuzz/corpus) from them. Run from anywhere: paths are relative to
this file. The dataset seeds take the first rows of the files in tests/data."""

import json
import pathlib
import struct
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"


def put(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def safetensors(tensors, metadata=None):
    header, body, offset = {}, b"", 0
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        body += raw
        offset += len(raw)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    return struct.pack("<Q", len(text)) + text + body


def floats(*values):
    return struct.pack("<%df" % len(values), *values)


def pickle_unicode(s):
    b = s.encode()
    return b"X" + struct.pack("<I", len(b)) + b


def pickle_int(v):
    return b"K" + bytes([v]) if v < 256 else b"M" + struct.pack("<H", v)


def state_dict_pickle(tensors):
    """torch.save's data.pkl for {name: (storage type, key, numel, sizes, strides)}."""
    p = b"\x80\x02ccollections\nOrderedDict\n)R("
    for name, (storage, key, numel, sizes, strides) in tensors.items():
        p += pickle_unicode(name)
        p += b"ctorch._utils\n_rebuild_tensor_v2\n("
        p += b"(" + pickle_unicode("storage") + b"ctorch\n" + storage.encode() + b"\n"
        p += pickle_unicode(key) + pickle_unicode("cpu") + pickle_int(numel) + b"tQ"
        p += pickle_int(0)
        p += b"(" + b"".join(pickle_int(s) for s in sizes) + b"t"
        p += b"(" + b"".join(pickle_int(s) for s in strides) + b"t"
        p += b"\x89ccollections\nOrderedDict\n)RtR"
    return p + b"u."


def torch_zip(pickle, storages):
    import io
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, data in [("archive/data.pkl", pickle), ("archive/byteorder", b"little")] + [
                ("archive/data/" + k, v) for k, v in storages.items()] + [("archive/version", b"3\n")]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            z.writestr(info, data)
    return out.getvalue()


def first_lines(path, n):
    return "".join(open(ROOT / path, encoding="utf-8").readlines()[:n])


def main():
    put("safetensors", "f32_matrix", safetensors({"w": ("F32", [2, 2], floats(1, 2, 3, 4))}))
    put("safetensors", "mixed_dtypes", safetensors({
        "a": ("F16", [2], b"\x00\x3c\x00\x40"), "b": ("BF16", [1], b"\x80\x3f"),
        "c": ("F64", [1], struct.pack("<d", 0.5)), "d": ("I64", [1], struct.pack("<q", 7))},
        {"format": "pt"}))
    put("safetensors", "empty_tensor", safetensors({"e": ("F32", [0, 3], b"")}))

    index = {"metadata": {"total_size": 24}, "weight_map": {
        "a.weight": "model-00001-of-00002.safetensors", "a.bias": "model-00001-of-00002.safetensors",
        "b.weight": "model-00002-of-00002.safetensors"}}
    put("sharded_index", "two_shards", json.dumps(index, indent=2))
    put("sharded_index", "one_shard", json.dumps({"weight_map": {"b.weight": "model-00002-of-00002.safetensors"}}))

    one = state_dict_pickle({"w": ("FloatStorage", "0", 4, [2, 2], [2, 1])})
    two = state_dict_pickle({"w": ("FloatStorage", "0", 4, [2, 2], [2, 1]),
                             "b": ("DoubleStorage", "1", 2, [2], [1])})
    put("unpickler", "one_tensor", one)
    put("unpickler", "two_tensors", two)
    put("torch_zip", "one_tensor", torch_zip(one, {"0": floats(1, 2, 3, 4)}))
    put("torch_zip", "two_tensors", torch_zip(two, {"0": floats(1, 2, 3, 4),
                                                   "1": struct.pack("<2d", 1, 2)}))

    for model in ["bert-seed1", "distilbert-seed1"]:
        put("model_config", model, (ROOT.parent / "shared/fixtures/hf" / model / "config.json").read_text())
    put("model_config", "roberta", json.dumps({
        "model_type": "roberta", "vocab_size": 100, "hidden_size": 16, "num_hidden_layers": 1,
        "num_attention_heads": 2, "intermediate_size": 32, "max_position_embeddings": 20,
        "pad_token_id": 1, "type_vocab_size": 1, "layer_norm_eps": 1e-5, "hidden_act": "gelu_new",
        "id2label": {"0": "negative", "1": "positive"}}))

    vocab = "\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "sat", "##s",
                       "on", "mat", ".", ",", "un", "##aff", "##able", "caf\u00e9", "\u4e2d", "!"])
    put("wordpiece", "ascii", vocab + "\0\x01The cats sat on the mat, unaffable!")
    put("wordpiece", "unicode", vocab + "\0\x03Caf\u00e9 \u4e2d\u6587 na\u00efve \u00c5ngstr\u00f6m [SEP] \t\u200b")
    put("wordpiece", "invalid_utf8", (vocab + "\0\x00").encode() + b"\xff\xfe cat \xc3\x28 \xe2\x82 mat")

    put("mnli", "dev", "\n" + first_lines("tests/data/mnli/dev_matched.tsv", 4))
    put("mnli", "filtered", "genre=slate|government,samples=2,sampling=random,seed=3\n" +
        first_lines("tests/data/mnli/dev_matched.tsv", 6))
    put("qqp", "dev", "\n" + first_lines("tests/data/qqp/dev.tsv", 4))
    put("cola", "dev", "\n" + first_lines("tests/data/cola/in_domain_dev.tsv", 4))
    put("hans", "dev", "heuristic=lexical_overlap\n" + first_lines("tests/data/hans/heuristics_evaluation_set.txt", 4))
    put("paws", "dev", "\n" + first_lines("tests/data/paws/dev_and_test.tsv", 4))
    put("paws", "python3", "\n" + first_lines("tests/data/paws/dev_and_test_python3.tsv", 3))
    put("jsonl", "text", "\n" + first_lines("tests/data/jsonl/mnli_hf.jsonl", 3))
    put("jsonl", "pretokenized", "\n" + first_lines("tests/data/jsonl/pretokenized.jsonl", 2))
    put("jsonl", "mapped", "text_a=sentence1,text_b=sentence2,labels=entailment|neutral|contradiction,source=a|b\n" +
        first_lines("tests/data/jsonl/string_labels.jsonl", 3))
    put("csv", "reviews", "text_a=review,label=score,site=rt\n" + first_lines("tests/data/csv/reviews.csv", 4))
    put("csv", "pairs_crlf", "\n" + (ROOT / "tests/data/csv/pairs_crlf.csv").read_bytes().decode())

    put("dataset_spec", "filters", "dev.tsv:hans:heuristic=lexical_overlap|subsequence,label=entailment")
    put("dataset_spec", "mapped", "a\\,b.csv:csv:text_a=q,text_b=r,label=l,labels=x|y\\|z,samples=10,sampling=random,seed=7")
    put("dataset_spec", "colon_path", "C:/data/x.jsonl:jsonl:gold_label=neutral")


if __name__ == "__main__":
    main()
