#!/usr/bin/env bash
# Build-time check and packaging of the CUDA kernels (run by Maven in process-resources).
# Every .cu in KERNELS is compiled to PTX for compute_90 with nvcc, and the PTX assembled for
# sm_90 with ptxas: a kernel that does not compile fails the build. The PTX is written to OUT,
# where the runtime loads it (without it, the runtime compiles the same sources with NVRTC).
# Without nvcc it says so and succeeds. Results are cached in CACHE by a hash of the compiler's
# version, the flags and the sources, so an unchanged kernel costs nothing on the next build.
# Usage: cuda-kernels.sh KERNELS OUT CACHE   (ADJOINT_NVCC=/path/to/nvcc picks the compiler)
set -euo pipefail
kernels=$1 out=$2 cache=$3
flags="-ptx -arch=compute_90 -std=c++17"
nvcc=""
# ADJOINT_NVCC names the compiler to use (a path that does not exist: as if there were none)
for candidate in ${ADJOINT_NVCC+"$ADJOINT_NVCC"} ${ADJOINT_NVCC+SKIP} "${CUDA_HOME:+$CUDA_HOME/bin/nvcc}" "${CUDA_PATH:+$CUDA_PATH/bin/nvcc}" \
    "$(command -v nvcc || true)" /usr/local/cuda/bin/nvcc; do
  [ "$candidate" = SKIP ] && break
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then nvcc=$candidate; break; fi
done
if [ -z "$nvcc" ]; then
  echo "[adjoint] CUDA kernels: SKIPPED the compile check: no nvcc found (looked in" \
    "\$CUDA_HOME/bin, \$CUDA_PATH/bin, PATH, /usr/local/cuda/bin). The runtime will compile" \
    "the kernels with NVRTC on first use instead."
  exit 0
fi
ptxas="$(dirname "$nvcc")/ptxas"
[ -x "$ptxas" ] || ptxas=$(command -v ptxas || true)
if [ -z "$ptxas" ]; then
  echo "[adjoint] CUDA kernels: nvcc at $nvcc has no ptxas beside it or on PATH" >&2
  exit 1
fi
mkdir -p "$out" "$cache"
version=$("$nvcc" --version | tail -n 2 | tr '\n' ' ')
headers=$(cat "$kernels"/*.cuh | sha256sum | cut -c1-64)
compiled=0 cached=0
for source in "$kernels"/*.cu; do
  name=$(basename "$source" .cu)
  key=$( { echo "$version"; echo "$flags -I. | ptxas -arch=sm_90"; echo "$headers"; cat "$source"; } \
    | sha256sum | cut -c1-32)
  ptx="$cache/$name.$key.ptx"
  if [ ! -f "$ptx" ]; then
    tmp="$cache/.$name.$$.ptx"
    if ! "$nvcc" $flags -I "$kernels" -o "$tmp" "$source"; then
      echo "[adjoint] CUDA kernels: $source does not compile (nvcc $flags)" >&2
      rm -f "$tmp"; exit 1
    fi
    if ! "$ptxas" -arch=sm_90 "$tmp" -o /dev/null; then
      echo "[adjoint] CUDA kernels: the PTX of $source does not assemble (ptxas -arch=sm_90)" >&2
      rm -f "$tmp"; exit 1
    fi
    mv -f "$tmp" "$ptx"
    compiled=$((compiled + 1))
  else
    cached=$((cached + 1))
  fi
  cp -f "$ptx" "$out/$name.ptx"
done
echo "[adjoint] CUDA kernels: $((compiled + cached)) compiled for compute_90 and checked with" \
  "ptxas for sm_90 ($compiled now, $cached unchanged) by $nvcc"
