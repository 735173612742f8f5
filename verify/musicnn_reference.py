#!/usr/bin/env python3
"""Reference outputs of the original musicnn package (PyPI musicnn 0.1.0 on TensorFlow), and a
parity check of an ONNX graph against them.

Runs the package's own code: musicnn.extractor.extractor(file, model, input_length=3,
input_overlap=False, extract_features=True). That function has a bug for tracks with more than
one patch: from the second patch on it appends the FIRST patch's penultimate/cnn1/cnn2/cnn3
values again (its loop unpacks into midend1_/backend_ but concatenates cnn1_/penultimate_). So the
per-patch penultimate layer is taken from a second run of the package's own graph
(musicnn.models.define_model + the same checkpoint + musicnn.extractor.batch_data), and the
script checks that this run reproduces the extractor's taggram and first-patch penultimate.

Input: an audio file (decoded by the package itself: librosa.load(file, sr=16000)) or, with
--pcm, raw float32 little-endian mono samples at 16 kHz, written to a temporary 16 kHz float WAV
so that librosa.load reads the same samples back without resampling.

With --onnx FILE, the same 16 kHz samples go to the ONNX graph (input 'waveform' [batch, samples];
outputs 'embedding' [batch, 200], 'tags' [batch, 50], optionally 'mean_pool'/'max_pool'), the two
are compared and the exit status is 1 when a tolerance fails.

Usage:
  python musicnn_reference.py --model MSD_musicnn clip.mp3 [--json out.json] [--per-patch]
  python musicnn_reference.py --model MTT_musicnn --pcm clip.f32 --onnx musicnn-mtt.onnx
"""
import argparse
import contextlib
import json
import math
import os
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402

SR = 16000
PATCH_FRAMES = 187
HOP = 256
MIN_SAMPLES = (PATCH_FRAMES - 1) * HOP  # centred STFT gives 1 + n // 256 frames


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", nargs="?", help="audio file decoded by librosa.load(sr=16000)")
    p.add_argument("--batch", help="a JSON list of jobs, each {\"model\", \"pcm\" or \"input\", \"json\"}:"
                   " run them all in this process (TensorFlow loads once)")
    p.add_argument("--pcm", help="raw float32 little-endian mono PCM at 16 kHz (instead of an audio file)")
    p.add_argument("--model", default="MSD_musicnn", choices=["MSD_musicnn", "MTT_musicnn"])
    p.add_argument("--json", help="write the result as JSON to this file (default: stdout only)")
    p.add_argument("--per-patch", action="store_true", help="include per-patch penultimate (200-d) and taggram")
    p.add_argument("--dump-pcm", help="write the 16 kHz samples both sides use as raw float32 LE")
    p.add_argument("--dump-logmel", help="write the reference log-mel (frames x 96, row-major) as raw float32 LE")
    p.add_argument("--onnx", help="ONNX graph to compare with the reference on the same samples")
    p.add_argument("--top", type=int, default=5, help="how many top tags must agree (default 5)")
    p.add_argument("--top-order", action="store_true", help="require the top tags in the same order, not just the same set")
    p.add_argument("--tag-tol", type=float, default=0.01, help="max abs diff of tag probabilities (default 0.01)")
    p.add_argument("--emb-tol", type=float, default=0.05, help="max abs diff of embedding values (default 0.05)")
    p.add_argument("--min-cosine", type=float, default=0.999, help="min cosine of the embeddings (default 0.999)")
    p.add_argument("--pool-tol", type=float, default=0.05, help="max abs diff of mean_pool/max_pool if the graph has them")
    a = p.parse_args(argv)
    if a.batch is None and (a.input is None) == (a.pcm is None):
        p.error("give exactly one of: an audio file, or --pcm FILE")
    return a


def load_samples(args):
    """The 16 kHz float32 samples the reference sees (librosa.load exactly as the extractor calls it)."""
    if args.pcm:
        return np.fromfile(args.pcm, dtype="<f4").astype(np.float32)
    import librosa
    audio, _ = librosa.load(args.input, sr=SR)
    return audio.astype(np.float32)


def write_float_wav(samples, directory):
    import soundfile as sf
    path = os.path.join(directory, "input-16k-float.wav")
    sf.write(path, samples, SR, subtype="FLOAT")
    return path


def run_extractor(audio_path, model):
    """The package's public entry point, exactly as a user calls it."""
    from musicnn.extractor import extractor
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):  # it prints progress; keep stdout for JSON
        taggram, tags, features = extractor(audio_path, model=model, input_length=3, input_overlap=False,
                                            extract_features=True)
    return taggram, tags, features, time.perf_counter() - t0


def run_graph(audio_path, model):
    """The package's own graph and checkpoint, all patches in one batch (BN in inference mode, so
    patches do not interact); gives the correct per-patch penultimate layer."""
    import tensorflow as tf
    import musicnn
    from musicnn import models, extractor as ex, configuration as config
    labels = config.MSD_LABELS if "MSD" in model else config.MTT_LABELS
    t0 = time.perf_counter()
    batch, spectrogram = ex.batch_data(audio_path, PATCH_FRAMES, PATCH_FRAMES)
    t_spec = time.perf_counter() - t0
    tf.compat.v1.reset_default_graph()
    with tf.name_scope("model"):
        x = tf.compat.v1.placeholder(tf.float32, [None, PATCH_FRAMES, config.N_MELS])
        is_training = tf.compat.v1.placeholder(tf.bool)
        y, _, _, _, _, _, mean_pool, max_pool, penultimate = models.define_model(x, is_training, model, len(labels))
        probs = tf.nn.sigmoid(y)
    with tf.compat.v1.Session() as sess:
        tf.compat.v1.train.Saver().restore(sess, os.path.dirname(musicnn.__file__) + "/" + model + "/")
        t1 = time.perf_counter()
        p, pen, mp, xp = sess.run([probs, penultimate, mean_pool, max_pool], feed_dict={x: batch, is_training: False})
        t_net = time.perf_counter() - t1
    return dict(taggram=p, penultimate=pen, mean_pool=mp, max_pool=xp, spectrogram=spectrogram,
                seconds_spectrogram=t_spec, seconds_network=t_net)


def top_tags(probs, tags, n):
    order = np.argsort(-probs, kind="stable")[:n]
    return [{"tag": tags[i], "index": int(i), "p": round(float(probs[i]), 6)} for i in order]


def cosine(a, b):
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    return float(np.dot(a, b) / (na * nb)) if na > 0 and nb > 0 else float("nan")


def reference(args, samples, workdir):
    import librosa, tensorflow as tf, onnxruntime  # noqa: F401  (versions only)
    audio_path = args.input if args.input and not args.pcm else write_float_wav(samples, workdir)
    if args.pcm:
        roundtrip, _ = librosa.load(audio_path, sr=SR)
        if roundtrip.shape != samples.shape or not np.array_equal(roundtrip, samples):
            raise SystemExit("internal error: the 16 kHz float WAV does not read back bit-exactly")
    taggram, tags, features, t_extractor = run_extractor(audio_path, args.model)
    g = run_graph(audio_path, args.model)

    n = taggram.shape[0]
    # the graph run must reproduce the package's extractor where the extractor is right
    check = {
        "taggram_max_abs_diff": float(np.abs(g["taggram"] - taggram).max()),
        "first_patch_penultimate_max_abs_diff": float(np.abs(g["penultimate"][0] - features["penultimate"][0]).max()),
        "mean_pool_max_abs_diff": float(np.abs(g["mean_pool"] - features["mean_pool"]).max()),
        "extractor_penultimate_rows_equal_first_patch": bool(n > 1 and np.array_equal(
            features["penultimate"][1:], np.repeat(features["penultimate"][:1], n - 1, axis=0))),
    }
    if check["taggram_max_abs_diff"] > 1e-5 or check["first_patch_penultimate_max_abs_diff"] > 1e-4:
        raise SystemExit("internal error: graph run does not reproduce the extractor: %s" % check)

    tag_mean = taggram.mean(axis=0)
    out = {
        "model": args.model,
        "input": os.path.abspath(args.pcm or args.input),
        "input_kind": "pcm-f32le-16k" if args.pcm else "audio-file (librosa.load sr=16000)",
        "samples": int(samples.shape[0]),
        "seconds": round(samples.shape[0] / SR, 4),
        "frames": int(g["spectrogram"].shape[0]),
        "patches": int(n),
        "tags": list(tags),
        "top": top_tags(tag_mean, tags, args.top),
        "tags_mean": [float(v) for v in tag_mean],
        "penultimate_mean": [float(v) for v in g["penultimate"].mean(axis=0)],
        "mean_pool_mean": [float(v) for v in features["mean_pool"].mean(axis=0)],
        "max_pool_mean": [float(v) for v in features["max_pool"].mean(axis=0)],
        "extractor_penultimate_mean_buggy": [float(v) for v in features["penultimate"].mean(axis=0)],
        "consistency": check,
        "timing_s": {"extractor_total": round(t_extractor, 3),
                     "spectrogram": round(g["seconds_spectrogram"], 3),
                     "network_all_patches": round(g["seconds_network"], 3)},
        "versions": {"numpy": np.__version__, "librosa": librosa.__version__, "tensorflow": tf.__version__,
                     "onnxruntime": onnxruntime.__version__, "musicnn": "0.1.0"},
    }
    if args.per_patch:
        out["per_patch_penultimate"] = [[float(v) for v in row] for row in g["penultimate"]]
        out["per_patch_tags"] = [[float(v) for v in row] for row in taggram]
    if args.dump_logmel:
        np.asarray(g["spectrogram"], dtype="<f4").tofile(args.dump_logmel)
    return out


def compare_onnx(args, samples, ref):
    import onnxruntime as ort
    sess = ort.InferenceSession(args.onnx, providers=["CPUExecutionProvider"])
    names = [o.name for o in sess.get_outputs()]
    t0 = time.perf_counter()
    got = dict(zip(names, sess.run(names, {"waveform": samples[np.newaxis, :]})))
    seconds = time.perf_counter() - t0
    failures = []
    result = {"onnx": os.path.abspath(args.onnx), "onnx_outputs": names, "onnx_seconds": round(seconds, 3)}

    if "tags" in got:
        probs = np.asarray(got["tags"], dtype=np.float64).reshape(-1)
        ref_probs = np.asarray(ref["tags_mean"])
        ours = top_tags(probs, ref["tags"], args.top)
        same_set = {t["tag"] for t in ours} == {t["tag"] for t in ref["top"]}
        same_order = [t["tag"] for t in ours] == [t["tag"] for t in ref["top"]]
        diff = float(np.abs(probs - ref_probs).max())
        result.update(top_onnx=ours, top_same_set=same_set, top_same_order=same_order, tags_max_abs_diff=diff)
        if not (same_order if args.top_order else same_set):
            failures.append("top-%d tags differ" % args.top)
        if diff > args.tag_tol:
            failures.append("tag probabilities differ by %.6g > %g" % (diff, args.tag_tol))
    else:
        failures.append("ONNX graph has no 'tags' output")

    if "embedding" in got:
        emb = np.asarray(got["embedding"], dtype=np.float64).reshape(-1)
        ref_emb = np.asarray(ref["penultimate_mean"])
        diff = float(np.abs(emb - ref_emb).max())
        cos = cosine(emb, ref_emb)
        result.update(embedding_max_abs_diff=diff, embedding_cosine=cos,
                      embedding_max_abs_ref=float(np.abs(ref_emb).max()))
        if diff > args.emb_tol:
            failures.append("embedding differs by %.6g > %g" % (diff, args.emb_tol))
        if not cos >= args.min_cosine:
            failures.append("embedding cosine %.6f < %g" % (cos, args.min_cosine))
    else:
        failures.append("ONNX graph has no 'embedding' output")

    for name in ("mean_pool", "max_pool"):
        if name in got:
            v = np.asarray(got[name], dtype=np.float64).reshape(-1)
            r = np.asarray(ref[name + "_mean"])
            diff = float(np.abs(v - r).max())
            result[name + "_max_abs_diff"] = diff
            result[name + "_cosine"] = cosine(v, r)
            if diff > args.pool_tol:
                failures.append("%s differs by %.6g > %g" % (name, diff, args.pool_tol))
    result["failures"] = failures
    return result


def main(argv=None):
    args = parse_args(argv)
    if args.batch:
        with open(args.batch) as f:
            jobs = json.load(f)
        status = 0
        for job in jobs:
            job_argv = ["--model", job["model"], "--json", job["json"]]
            job_argv += ["--pcm", job["pcm"]] if "pcm" in job else [job["input"]]
            status |= main(job_argv)
        return status
    samples = load_samples(args)
    if samples.ndim != 1 or samples.shape[0] < MIN_SAMPLES:
        raise SystemExit("input too short: %d samples at 16 kHz, the reference needs at least %d (one 187-frame patch)"
                         % (samples.shape[0], MIN_SAMPLES))
    if not np.all(np.isfinite(samples)):
        raise SystemExit("input has NaN or infinite samples")
    if args.dump_pcm:
        samples.astype("<f4").tofile(args.dump_pcm)
    with tempfile.TemporaryDirectory(prefix="musicnn-ref-") as workdir:
        ref = reference(args, samples, workdir)
    status = 0
    if args.onnx:
        ref["comparison"] = compare_onnx(args, samples, ref)
        status = 1 if ref["comparison"]["failures"] else 0

    text = json.dumps(ref, indent=1)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")
    summary = {"model": ref["model"], "patches": ref["patches"], "top": ref["top"], "timing_s": ref["timing_s"],
               "consistency": ref["consistency"]}
    if args.onnx:
        summary["comparison"] = ref["comparison"]
    print(json.dumps(summary, indent=1) if args.json else text)
    if status:
        print("PARITY FAILED: " + "; ".join(ref["comparison"]["failures"]), file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
