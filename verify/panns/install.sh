#!/usr/bin/env bash
# Makes the PANNs CNN14 reference environment: PyTorch 1.13 (CPU) from Debian's python3-torch, and a
# venv on Debian's /usr/bin/python3 with --system-site-packages holding the rest from PyPI
# (requirements.txt, numpy pinned to Debian's). Used by `musicrec model install panns-cnn14`, the
# parity test and `bench --model panns-cnn14` through MUSICREC_TORCH_PYTHON=VENV/bin/python.
#
# Usage: verify/panns/install.sh [VENV_DIR]     (default .venv-panns)
# A venv made from the same requirements is reused (its stamp holds their digest), so CI can keep
# it in a cache folder. Measured on 2 cores: apt ~145 s (~0.9 GB), pip ~110 s (~0.75 GB), reuse 0 s.
# PyPI's Linux torch wheel would add ~3 GB of CUDA libraries; the CPU-only wheel is on another index.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${1:-.venv-panns}"
python=/usr/bin/python3

need=()
"$python" -c 'import torch' 2>/dev/null || need+=(python3-torch)
"$python" -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
if ((${#need[@]})); then
  sudo=$(command -v sudo || true)
  [[ $(id -u) == 0 ]] && sudo=
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

stamp="$(cat "$here/requirements.txt" "$here/constraints.txt" "$0" | sha256sum | cut -c1-16)"
check='import torch, torchlibrosa, onnx, onnxruntime, librosa, nbclient, ipykernel, numpy; print("PANNs reference stack ready: torch", torch.__version__, "onnxruntime", onnxruntime.__version__, "numpy", numpy.__version__)'
if [[ -f "$venv/.musicrec-stamp" && "$(cat "$venv/.musicrec-stamp")" == "$stamp" ]] && "$venv/bin/python" -c "$check" 2>/dev/null; then
  exit 0
fi
rm -rf "$venv"
"$python" -m venv --system-site-packages "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" -c "$here/constraints.txt"
"$venv/bin/python" -c "$check"
echo "$stamp" > "$venv/.musicrec-stamp"
