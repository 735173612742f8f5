"""Which musicnn output makes the best track embedding? Measured on the real-music fixture.

Decodes each track to 16 kHz mono with ffmpeg (soxr, as the pipeline does), cuts the pipeline's
clip policy (3 evenly spread windows of 8.96 s), runs the installed ONNX graph once per window and
averages, then scores each candidate representation by same-artist and same-album precision@5
(cosine, the track itself excluded) against the random rate.

  python verify/musicnn_embedding_choice.py FIXTURE_DIR models/musicnn-msd/musicnn-msd.onnx FFMPEG
"""
import json, subprocess, sys
import numpy as np, onnxruntime as ort

root, onnx_file, ffmpeg = sys.argv[1:4]
labels = json.load(open(f"{root}/labels.json"))["tracks"]
session = ort.InferenceSession(onnx_file)
WINDOW, SR = 143360, 16000
rows = []
for track_id, entry in sorted(labels.items()):
    import glob
    files = glob.glob(f"{root}/mp3/*/{track_id}.*")
    if not files:
        continue
    pcm = np.frombuffer(subprocess.run([ffmpeg, "-v", "error", "-i", files[0], "-ac", "1", "-ar", str(SR), "-af",
                                        "aresample=resampler=soxr", "-f", "f32le", "pipe:1"],
                                       capture_output=True, check=True).stdout, dtype="<f4")
    if len(pcm) < WINDOW or np.abs(pcm).max() < 1e-3:
        continue
    starts = [round((len(pcm) - WINDOW) * w / 2) for w in range(3)]
    batch = np.stack([pcm[s:s + WINDOW] for s in starts])
    out = dict(zip([o.name for o in session.get_outputs()], session.run(None, {"waveform": batch})))
    rows.append((entry.get("artist", {}).get("S"), entry.get("album", {}).get("S"),
                 {k: v.mean(0) for k, v in out.items()}))

def precision_at_5(vectors, keys):
    v = np.asarray(vectors, dtype=np.float64)
    v = v - 0 if True else v
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    sims = v @ v.T
    np.fill_diagonal(sims, -np.inf)
    hits, rand = [], []
    for i, key in enumerate(keys):
        if key is None:
            continue
        top = np.argsort(-sims[i])[:5]
        hits.append(np.mean([keys[j] == key for j in top]))
        rand.append((sum(k == key for k in keys) - 1) / (len(keys) - 1))
    return float(np.mean(hits)), float(np.mean(rand))

artists = [r[0] for r in rows]
albums = [r[1] for r in rows]
candidates = {
    "embedding (penultimate, 200-d)": [r[2]["embedding"] for r in rows],
    "mean_pool (753-d)": [r[2]["mean_pool"] for r in rows],
    "max_pool (753-d)": [r[2]["max_pool"] for r in rows],
    "mean+max pool (1506-d)": [np.concatenate([r[2]["mean_pool"], r[2]["max_pool"]]) for r in rows],
    "tag probabilities (50-d)": [r[2]["tags"] for r in rows],
}
print(f"{len(rows)} tracks")
for name, vectors in candidates.items():
    pa, ra = precision_at_5(vectors, artists)
    pb, rb = precision_at_5(vectors, albums)
    print(f"{name:32s} artist P@5 {pa:.3f} (random {ra:.3f})   album P@5 {pb:.3f} (random {rb:.3f})")
