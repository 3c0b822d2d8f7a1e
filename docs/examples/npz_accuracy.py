"""Test accuracy of an nnlab model, computed by numpy alone from the .npz and the IDX files.

usage: python3 npz_accuracy.py MODEL.npz DATA_DIR
DATA_DIR holds t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (or their .gz), e.g. data/mnist.
"""
import gzip, json, os, sys
import numpy as np


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]                                   # magic: 0, 0, type 0x08 (unsigned byte), dimensions
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(data_dir, name):
    for candidate in (name, name + ".gz"):
        if os.path.exists(os.path.join(data_dir, candidate)):
            return os.path.join(data_dir, candidate)
    sys.exit(f"npz_accuracy: no {name} (or .gz) in {data_dir}")


def inputs(pixels, model, meta):
    x = pixels.reshape(len(pixels), -1).astype(np.float64)
    scaling = meta["preprocessing"]["scaling"]
    if scaling == "unit":
        return x / 255
    if scaling == "offset-unit":
        return 0.01 + 0.99 * x / 255
    if scaling == "raw":
        return x
    mean, std = model["input_mean"], model["input_std"]     # standardize: (x - mean) / std, 0 where std = 0
    return np.where(std > 0, (x - mean) / np.where(std > 0, std, 1), 0)


ACTIVATIONS = {"relu": lambda z: np.maximum(z, 0), "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh}

model = np.load(sys.argv[1], allow_pickle=False)
meta = json.loads(str(model["metadata"]))
architecture = meta["architecture"]
if architecture["outputs"] != 10 or meta["task"] != "digits":
    sys.exit("npz_accuracy: this script scores ten-class models")
x = inputs(read_idx(find(sys.argv[2], "t10k-images-idx3-ubyte")), model, meta)
labels = read_idx(find(sys.argv[2], "t10k-labels-idx1-ubyte"))
scores = x @ model["W1"] + model["b1"]                          # dropout is off at test time: nothing to undo
if architecture["hidden"] > 0:
    scores = ACTIVATIONS[architecture["hidden_activation"]](scores) @ model["W2"] + model["b2"]
predicted = scores.argmax(axis=1)                               # every output nnlab has is increasing in its input
correct = int((predicted == labels).sum())
print(f"numpy: {correct} of {len(labels)} test images correct, accuracy {100 * correct / len(labels):.2f}%")
