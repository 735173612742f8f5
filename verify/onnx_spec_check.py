#!/usr/bin/env python3
"""An executable specification of the musicnn ONNX graph, for verification only.

Builds, with onnx.helper and the weights of the package's TF checkpoint, the graph the project
writes in Java (front end included), so that the facts in FINDINGS.md (pad mode, 'same' padding of
even kernels, flatten order of the pooled features, BN epsilon, float16 step) are checked by
running it through musicnn_reference.py --onnx. The project's product graph is the Java one; this
file is not shipped.

Usage: python onnx_spec_check.py --model MSD_musicnn --out /tmp/msd-spec.onnx [--no-float16]
"""
import argparse
import math
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SR, N_FFT, HOP, N_MELS, PATCH, EPS = 16000, 512, 256, 96, 187, 1e-3


class G:
    def __init__(self):
        self.nodes, self.inits, self.n = [], [], 0

    def const(self, arr, name=None):
        self.n += 1
        name = name or "c%d" % self.n
        self.inits.append(numpy_helper.from_array(np.asarray(arr), name))
        return name

    def op(self, op_type, inputs, out=None, **attrs):
        self.n += 1
        out = out or "t%d" % self.n
        self.nodes.append(helper.make_node(op_type, inputs, [out], **attrs))
        return out


def checkpoint(model):
    import tensorflow as tf
    import musicnn
    r = tf.compat.v1.train.NewCheckpointReader(os.path.dirname(musicnn.__file__) + "/" + model + "/")
    return r.get_tensor


def bn(g, x, w, name, channel_shape):
    """Inference batch norm as one scale and one shift (TF1 layers default epsilon 1e-3)."""
    gamma, beta = w(name + "/gamma"), w(name + "/beta")
    mean, var = w(name + "/moving_mean"), w(name + "/moving_variance")
    scale = (gamma / np.sqrt(var + EPS)).astype(np.float32)
    shift = (beta - mean * scale).astype(np.float32)
    return g.op("Add", [g.op("Mul", [x, g.const(scale.reshape(channel_shape))]), g.const(shift.reshape(channel_shape))])


def build(model, float16_step=True):
    import librosa
    import scipy.signal
    w = checkpoint(model)
    g = G()
    # --- front end: centred STFT with zero padding (librosa 0.10 default pad_mode='constant')
    wav = "waveform"
    padded = g.op("Pad", [wav, g.const(np.array([0, N_FFT // 2, 0, N_FFT // 2], np.int64))], mode="constant")
    x3 = g.op("Unsqueeze", [padded, g.const(np.array([1], np.int64))])              # [B,1,L]
    win = scipy.signal.get_window("hann", N_FFT, fftbins=True)                       # periodic Hann
    k = np.arange(N_FFT // 2 + 1)[:, None] * np.arange(N_FFT)[None, :] * 2 * np.pi / N_FFT
    kernel = np.concatenate([np.cos(k) * win, -np.sin(k) * win]).astype(np.float32)[:, None, :]
    spec = g.op("Conv", [x3, g.const(kernel)], strides=[HOP])                        # [B,514,T]
    re = g.op("Slice", [spec, g.const(np.array([0], np.int64)), g.const(np.array([257], np.int64)), g.const(np.array([1], np.int64))])
    im = g.op("Slice", [spec, g.const(np.array([257], np.int64)), g.const(np.array([514], np.int64)), g.const(np.array([1], np.int64))])
    power = g.op("Add", [g.op("Mul", [re, re]), g.op("Mul", [im, im])])            # [B,257,T]
    mel_basis = librosa.filters.mel(sr=SR, n_fft=N_FFT, n_mels=N_MELS)             # Slaney, 0..8000 Hz
    mel = g.op("MatMul", [g.const(mel_basis.astype(np.float32)), power])           # [B,96,T]
    mel = g.op("Transpose", [mel], perm=[0, 2, 1])                                   # [B,T,96]
    if float16_step:
        mel = g.op("Cast", [g.op("Cast", [mel], to=TensorProto.FLOAT16)], to=TensorProto.FLOAT)
    lin = g.op("Add", [g.op("Mul", [mel, g.const(np.float32(10000))]), g.const(np.float32(1))])
    logmel = g.op("Mul", [g.op("Log", [lin]), g.const(np.float32(1 / math.log(10)))])
    # --- non-overlapping 187-frame patches; a partial last patch is dropped (as batch_data does)
    shape = g.op("Shape", [logmel])
    b = g.op("Slice", [shape, g.const(np.array([0], np.int64)), g.const(np.array([1], np.int64))])
    t = g.op("Slice", [shape, g.const(np.array([1], np.int64)), g.const(np.array([2], np.int64))])
    used = g.op("Mul", [g.op("Div", [t, g.const(np.array([PATCH], np.int64))]), g.const(np.array([PATCH], np.int64))])
    cut = g.op("Slice", [logmel, g.const(np.array([0], np.int64)), used, g.const(np.array([1], np.int64))])
    patches = g.op("Reshape", [cut, g.const(np.array([-1, 1, PATCH, N_MELS], np.int64))])  # NCHW [M,1,187,96]
    # --- network (conv -> relu -> BN, as models.py)
    x = bn(g, patches, w, "batch_normalization", (1, 1, 1, 1))
    feats = []
    for conv, norm, pads in (("conv2d", "batch_normalization_1", [3, 0, 3, 0]),
                             ("conv2d_1", "batch_normalization_2", [3, 0, 3, 0]),
                             ("conv2d_2", "batch_normalization_3", [63, 0, 64, 0]),   # TF 'same', even kernel:
                             ("conv2d_3", "batch_normalization_4", [31, 0, 32, 0]),   # extra row at the end
                             ("conv2d_4", "batch_normalization_5", [15, 0, 16, 0])):
        kern = w(conv + "/kernel").transpose(3, 2, 0, 1)                              # HWIO -> OIHW
        y = g.op("Relu", [g.op("Conv", [x, g.const(kern), g.const(w(conv + "/bias"))], pads=pads)])
        y = bn(g, y, w, norm, (1, -1, 1, 1))
        feats.append(g.op("ReduceMax", [y], axes=[3], keepdims=0))                    # [M,C,187]
    front = g.op("Concat", feats, axis=1)                                             # [M,561,187]
    outs = [front]
    prev = front
    for i, (conv, norm) in enumerate((("conv2d_5", "batch_normalization_6"), ("conv2d_6", "batch_normalization_7"),
                                      ("conv2d_7", "batch_normalization_8"))):
        kern = w(conv + "/kernel")[:, :, 0, :].transpose(2, 1, 0)                     # [7,C,1,64] -> [64,C,7]
        y = g.op("Relu", [g.op("Conv", [prev, g.const(kern), g.const(w(conv + "/bias"))], pads=[3, 3])])
        y = bn(g, y, w, norm, (1, -1, 1))
        if i > 0:
            y = g.op("Add", [y, prev])                                                # residual
        outs.append(y)
        prev = y
    mid = g.op("Concat", outs, axis=1)                                                # [M,753,187]
    mx = g.op("ReduceMax", [mid], axes=[2], keepdims=1)                               # [M,753,1]
    mn = g.op("ReduceMean", [mid], axes=[2], keepdims=1)
    flat = g.op("Reshape", [g.op("Concat", [mx, mn], axis=2), g.const(np.array([-1, 1506], np.int64))])  # max0,mean0,max1,..
    h = bn(g, flat, w, "batch_normalization_9", (1, -1))
    h = g.op("Relu", [g.op("Add", [g.op("MatMul", [h, g.const(w("dense/kernel"))]), g.const(w("dense/bias"))])])
    pen = bn(g, h, w, "batch_normalization_10", (1, -1))                              # [M,200]
    probs = g.op("Sigmoid", [g.op("Add", [g.op("MatMul", [pen, g.const(w("dense_1/kernel"))]), g.const(w("dense_1/bias"))])])

    def per_track_mean(v, d, out):
        shp = g.op("Concat", [b, g.const(np.array([-1, d], np.int64))], axis=0)
        return g.op("ReduceMean", [g.op("Reshape", [v, shp])], out=out, axes=[1], keepdims=0)

    per_track_mean(pen, 200, "embedding")
    per_track_mean(probs, 50, "tags")
    per_track_mean(g.op("Squeeze", [mn, g.const(np.array([2], np.int64))]), 753, "mean_pool")
    per_track_mean(g.op("Squeeze", [mx, g.const(np.array([2], np.int64))]), 753, "max_pool")
    graph = helper.make_graph(
        g.nodes, model, [helper.make_tensor_value_info("waveform", TensorProto.FLOAT, ["batch", "samples"])],
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, ["batch", d]) for n, d in
         (("embedding", 200), ("tags", 50), ("mean_pool", 753), ("max_pool", 753))], g.inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(m)
    return m


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="MSD_musicnn", choices=["MSD_musicnn", "MTT_musicnn"])
    p.add_argument("--out", required=True)
    p.add_argument("--no-float16", action="store_true", help="leave out the float16 rounding of the mel power")
    a = p.parse_args()
    onnx.save(build(a.model, not a.no_float16), a.out)
    print("wrote", a.out)
