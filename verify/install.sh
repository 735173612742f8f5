#!/usr/bin/env bash
# Creates a virtual environment with the musicnn reference stack (TensorFlow 2.15 CPU, librosa,
# onnxruntime) used to verify the project's musicnn ONNX graphs.
# Usage: verify/install.sh [VENV_DIR]   (default .venv-verify; PIP_CACHE_DIR is honoured by pip)
# Needs python3.11 on PATH (or PYTHON=/path/to/python3.11).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${1:-.venv-verify}"
python="${PYTHON:-$(command -v python3.11 || command -v python3)}"

# Reuse a venv built from the same pins (CI caches it): the install downloads ~450 MB.
stamp="$venv/.musicrec-pins"
pins="$(cat "$here/requirements.txt" "$here/constraints.txt" | sha256sum | cut -c1-16)"
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$pins" ]]; then
  echo "musicnn reference stack already in $venv"
  exit 0
fi
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip==24.0
"$venv/bin/python" -m pip install --quiet -r "$here/requirements.txt" -c "$here/constraints.txt"
# musicnn 0.1.0 declares numpy<1.17 and tensorflow>=1.14; its code runs on the stack above
# (tf.compat.v1), so install it without its declared dependencies.
"$venv/bin/python" -m pip install --quiet --no-deps musicnn==0.1.0
"$venv/bin/python" -c "import musicnn.extractor, onnxruntime, onnx, h5py, numpy; print('musicnn reference stack ready, numpy', numpy.__version__)"
echo "$pins" > "$stamp"
