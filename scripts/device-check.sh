#!/usr/bin/env bash
# The half of the GPU check that runs on the lent GPU machine, in one call (about 9 minutes at
# most): the gpu test suite, the layout and signature checks against that machine's CUDA headers,
# Adjoint's GPU benchmarks and PyTorch's on the same GPU, then a summary. Everything it needs was
# staged by scripts/device-stage.sh into .device/ (carried); there is no Java or Maven there.
# Writes under $OUT (at most 8 files come back): summary.txt, gpu-suite.log, junit/ (one XML),
# adjoint-bench.tsv, torch-bench.tsv, bench.log, nvidia-smi.txt.
# Without a GPU (a dry run here) each step says so and the script still ends with a summary.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-.device/out}
mkdir -p "$out"
stage=.device
start=$(date +%s)
say() { echo "[device-check $(( $(date +%s) - start ))s] $*"; }

if [ ! -x "$stage/jre/bin/java" ]; then
  tar xzf "$stage/jre.tgz" -C "$stage" || { say "no staged Java runtime: run scripts/device-stage.sh"; exit 1; }
fi
java="$stage/jre/bin/java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector"
# the console launcher's -cp takes no wildcards: name each jar
cp="$stage/test-classes/runtime:$stage/test-classes/examples$(printf ':%s' "$stage"/lib/*.jar)"
(nvidia-smi || echo "nvidia-smi: not available") > "$out/nvidia-smi.txt" 2>&1
say "GPU: $(head -n 12 "$out/nvidia-smi.txt" | grep -m1 -E 'H[0-9]{3}|NVIDIA' || echo none)"

say "1/3 the gpu suite and the header checks"
timeout 240 $java -jar "$stage/junit-console.jar" execute -cp "$cp" \
  --select-class dev.adjoint.runtime.backend.cuda.GpuBackendTest \
  --select-class dev.adjoint.runtime.backend.cuda.NvrtcGpuTest \
  --select-class dev.adjoint.examples.tensors.GpuTrainingTest \
  --select-class dev.adjoint.runtime.backend.cuda.NativeSignatureTest \
  --select-class dev.adjoint.runtime.backend.cuda.KernelLayoutTest \
  --exclude-engine=junit-vintage --exclude-engine=junit-platform-suite \
  --details=tree --disable-banner --disable-ansi-colors --reports-dir "$out/junit" > "$out/gpu-suite.log" 2>&1
suite=$?
# one report file: $OUT brings back at most 8
find "$out/junit" -name '*.xml' ! -name 'TEST-junit-jupiter.xml' -delete
tail -n 15 "$out/gpu-suite.log"

say "2/3 Adjoint's GPU benchmarks"
timeout 150 $java -Xmx8g -cp "$stage/lib/*" dev.adjoint.bench.gpu.GpuBenchmarks "$out/adjoint-bench.tsv" \
  > "$out/bench.log" 2>&1
cat "$out/bench.log" | tail -n 8

say "3/3 PyTorch's on the same GPU"
if python3 -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)" 2>/dev/null; then
  PYTHONUNBUFFERED=1 timeout 150 python3 scripts/gpu_torch_bench.py "$out/torch-bench.tsv" >> "$out/bench.log" 2>&1
else
  echo "skipped: PyTorch with CUDA not available here" | tee -a "$out/bench.log"
fi

python3 scripts/device_summary.py "$out" "$suite" > "$out/summary.txt" 2>&1 \
  || echo "summary: python3 not available; see the logs" > "$out/summary.txt"
cat "$out/summary.txt"
say "done"
