#!/usr/bin/env bash
# Spark GPU discovery script: prints the GPUs this executor may use as Spark's resource JSON,
# e.g. {"name":"gpu","addresses":["0","1"]}. Honours CUDA_VISIBLE_DEVICES when a scheduler set it.
set -euo pipefail
if [[ -n ${CUDA_VISIBLE_DEVICES:-} ]]; then
  ids=$(tr ',' '\n' <<<"$CUDA_VISIBLE_DEVICES")
elif command -v nvidia-smi >/dev/null; then
  ids=$(nvidia-smi --query-gpu=index --format=csv,noheader)
else
  ids=""
fi
printf '{"name":"gpu","addresses":['
sep=""
for id in $ids; do printf '%s"%s"' "$sep" "${id// /}"; sep=","; done
printf ']}\n'
