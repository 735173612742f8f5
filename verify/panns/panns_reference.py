"""PANNs CNN14 reference runs for musicrec: PyTorch eager (the panns-inference Cnn14 class) and ONNX
Runtime in Python, on PCM that musicrec's own decoder produced, so a comparison isolates the model.

The PyTorch network is rebuilt from what the exported ONNX file records in its metadata_props
(musicrec.model_version, musicrec.seed) or from --checkpoint, and must reproduce the recorded
musicrec.weights_sha256: a rebuilt network that is not the exported one stops the run.

  embed     --onnx F [--checkpoint C] --samples N --out-dir D PCM...   per-window embeddings, both runtimes
  decoders  --onnx F [--checkpoint C] --audio X.mp3 --java-pcm X.f32 --seconds S   librosa.load vs musicrec's decoder
  bench     --onnx F [--checkpoint C] --batch B --threads T --seconds S --clips N [--rounds R]   PyTorch eager clips/s

PCM files are raw little-endian float32, mono, 32 kHz; `embed` reads each as windows of N samples.
Every command prints one JSON object on stdout (progress goes to stderr).
"""
import argparse
import hashlib
import importlib.util
import json
import pathlib
import sys
import time
import types

import numpy as np
import onnxruntime as ort
import torch

SAMPLE_RATE = 32000


def log(message):
    print(message, file=sys.stderr, flush=True)


def cnn14_class():
    # As in the notebook: panns_inference/__init__ downloads AudioSet's labels at import; skip it.
    spec = importlib.util.find_spec("panns_inference")
    package = types.ModuleType("panns_inference")
    package.__path__ = list(spec.submodule_search_locations)
    sys.modules.setdefault("panns_inference", package)
    from panns_inference.models import Cnn14
    return Cnn14


def weights_sha256(model):
    digest = hashlib.sha256()
    for name, tensor in model.state_dict().items():
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()


def open_models(onnx_path, checkpoint, threads=None):
    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
    meta = session.get_modelmeta().custom_metadata_map
    version = meta.get("musicrec.model_version", "")
    Cnn14 = cnn14_class()

    def build():
        return Cnn14(sample_rate=SAMPLE_RATE, window_size=1024, hop_size=320, mel_bins=64, fmin=50, fmax=14000,
                     classes_num=527)

    if checkpoint:
        model = build()
        model.load_state_dict(torch.load(checkpoint, map_location="cpu")["model"], strict=True)
    elif meta.get("musicrec.seed", "") != "":
        torch.manual_seed(int(meta["musicrec.seed"]))
        model = build()
    else:
        sys.exit(f"{onnx_path} was exported from a checkpoint ({version}): pass it with --checkpoint")
    model.eval()
    digest = weights_sha256(model)
    if digest != meta.get("musicrec.weights_sha256"):
        sys.exit(f"the rebuilt PyTorch network is not the one exported to {onnx_path} "
                 f"(weights sha256 {digest}, the file records {meta.get('musicrec.weights_sha256')})")
    return model, session, meta


def torch_embed(model, windows):
    with torch.no_grad():
        return model(torch.from_numpy(np.ascontiguousarray(windows)), None)["embedding"].numpy()


def ort_embed(session, windows):
    return session.run(["embedding"], {"waveform": np.ascontiguousarray(windows, dtype=np.float32)})[0]


def compare(a, b):
    cos = np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1) + 1e-30)
    return {"min_cosine": float(cos.min()), "max_abs": float(np.abs(a - b).max()), "scale": float(np.abs(a).max())}


def cmd_embed(args):
    model, session, meta = open_models(args.onnx, args.checkpoint)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    results = {}
    for pcm in args.pcm:
        x = np.fromfile(pcm, dtype="<f4")
        if x.size == 0 or x.size % args.samples:
            sys.exit(f"{pcm}: {x.size} samples is not a whole number of {args.samples}-sample windows")
        windows = x.reshape(-1, args.samples)
        t = torch_embed(model, windows).astype("<f4")
        o = ort_embed(session, windows).astype("<f4")
        stem = pathlib.Path(pcm).stem
        t.tofile(args.out_dir / f"{stem}.torch.f32")
        o.tofile(args.out_dir / f"{stem}.ort.f32")
        results[stem] = {"windows": int(windows.shape[0]), "torch_vs_ort": compare(t, o)}
        log(f"{stem}: {windows.shape[0]} window(s), PyTorch vs ORT-Python {results[stem]['torch_vs_ort']}")
    print(json.dumps({"model_version": meta.get("musicrec.model_version"), "torch": torch.__version__,
                      "onnxruntime": ort.__version__, "files": results}))


def cmd_decoders(args):
    import librosa

    model, session, meta = open_models(args.onnx, args.checkpoint)
    n = int(round(args.seconds * SAMPLE_RATE))
    java = np.fromfile(args.java_pcm, dtype="<f4")[:n]
    # librosa's loading as the PANNs code and most notebooks use it: resampled by soxr_hq, mono average.
    ref, _ = librosa.load(str(args.audio), sr=SAMPLE_RATE, mono=True, duration=args.seconds)
    ref = ref[:n]
    if java.size < n or ref.size < n:
        sys.exit(f"{args.audio}: need {n} samples, musicrec gave {java.size}, librosa {ref.size}")
    # The two decoders may disagree on the MP3's start (encoder delay, priming samples): find the lag.
    head = min(n, 5 * SAMPLE_RATE)
    spectrum = np.fft.rfft(java[:head], 2 * head) * np.conj(np.fft.rfft(ref[:head], 2 * head))
    corr = np.fft.irfft(spectrum)
    lags = np.concatenate([np.arange(0, head), np.arange(-head, 0)])
    window = np.abs(lags) <= 4096
    lag = int(lags[window][np.argmax(corr[window])])
    a, b = (java[lag:], ref[:n - lag]) if lag >= 0 else (java[:n + lag], ref[-lag:])
    snr = 10 * np.log10(np.sum(b ** 2) / max(np.sum((a - b) ** 2), 1e-30))
    raw_snr = 10 * np.log10(np.sum(ref ** 2) / max(np.sum((java - ref) ** 2), 1e-30))
    windows = np.stack([java, ref])
    emb = torch_embed(model, windows)
    result = {"audio": str(args.audio), "seconds": args.seconds, "librosa": librosa.__version__,
              "lag_samples": lag, "pcm_snr_db_aligned": float(snr), "pcm_snr_db_raw": float(raw_snr),
              "peak_musicrec": float(np.abs(java).max()), "peak_librosa": float(np.abs(ref).max()),
              "embedding": compare(emb[:1], emb[1:])}
    log(f"{args.audio}: {result}")
    print(json.dumps(result))


def cmd_bench(args):
    torch.set_num_threads(args.threads)
    model, _, meta = open_models(args.onnx, args.checkpoint, args.threads)
    n = int(round(args.seconds * SAMPLE_RATE))
    rng = np.random.default_rng(42)
    t = np.arange(n) / SAMPLE_RATE
    batch = np.stack([0.3 * np.sin(2 * np.pi * (110 + 55 * c) * t) + 0.05 * rng.standard_normal(n)
                      for c in range(args.batch)]).astype(np.float32)
    runs = max(1, -(-args.clips // args.batch))
    torch_embed(model, batch)  # warm-up
    best, cpu_per_clip = 0.0, float("inf")
    for _ in range(args.rounds):
        start, cpu = time.perf_counter(), time.process_time()  # process_time: every thread of this process
        for _ in range(runs):
            torch_embed(model, batch)
        best = max(best, runs * args.batch / (time.perf_counter() - start))
        cpu_per_clip = min(cpu_per_clip, (time.process_time() - cpu) / (runs * args.batch))
    result = {"runtime": "pytorch-eager", "torch": torch.__version__, "threads": torch.get_num_threads(),
              "batch_size": args.batch, "clip_seconds": args.seconds, "clips": runs * args.batch,
              "rounds": args.rounds, "clips_per_s": best, "cpu_seconds_per_clip": cpu_per_clip, "model_version": meta.get("musicrec.model_version")}
    log(f"PyTorch eager: {best:.2f} clips/s, {cpu_per_clip:.2f} CPU s per clip (batch {args.batch}, {torch.get_num_threads()} threads)")
    print(json.dumps(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("embed", "decoders", "bench"):
        p = sub.add_parser(name)
        p.add_argument("--onnx", type=pathlib.Path, required=True)
        p.add_argument("--checkpoint", type=pathlib.Path)
        if name == "embed":
            p.add_argument("--samples", type=int, required=True)
            p.add_argument("--out-dir", type=pathlib.Path, required=True)
            p.add_argument("pcm", nargs="+", type=pathlib.Path)
        elif name == "decoders":
            p.add_argument("--audio", type=pathlib.Path, required=True)
            p.add_argument("--java-pcm", type=pathlib.Path, required=True)
            p.add_argument("--seconds", type=float, default=20)
        else:
            p.add_argument("--batch", type=int, required=True)
            p.add_argument("--threads", type=int, required=True)
            p.add_argument("--seconds", type=float, default=10)
            p.add_argument("--clips", type=int, default=16)
            p.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    {"embed": cmd_embed, "decoders": cmd_decoders, "bench": cmd_bench}[args.command](args)


if __name__ == "__main__":
    main()
