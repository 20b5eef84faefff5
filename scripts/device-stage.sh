#!/usr/bin/env bash
# The half of the GPU check that runs here: builds the jars and test classes and stages them,
# with a Java 25 runtime and the JUnit console launcher, into the ignored folder .device/ (at most
# 64 MiB: the device tool's limit for what travels). Then, in ONE call of the lent GPU machine:
#   run(command: "bash scripts/device-check.sh", carry: [".device"], timeout_s: 600)
# Usage (from the project root): scripts/device-stage.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
stage=.device
mvn -o -q -DskipTests -Dspotless.check.skip=true package -pl runtime,examples,bench -am
rm -rf "$stage/lib" "$stage/test-classes" "$stage/jre"
mkdir -p "$stage/lib" "$stage/test-classes"
for m in annotations runtime examples bench; do
  cp "$m"/target/adjoint-"$m"-*.jar "$stage/lib/" 2>/dev/null || true
done
rm -f "$stage"/lib/*-sources.jar "$stage"/lib/*-tests.jar
cp -r runtime/target/test-classes "$stage/test-classes/runtime"
cp -r examples/target/test-classes "$stage/test-classes/examples"
if [ ! -f "$stage/jre.tgz" ] || [ ! -f "$stage/junit-console.jar" ]; then
  shared=""
  for d in "$root/../shared" "$root/../../shared" /work/shared; do
    if [ -x "$d/device/jre.sh" ]; then shared=$d; break; fi
  done
  [ -n "$shared" ] || { echo "device-stage: shared/device/jre.sh not found" >&2; exit 1; }
  "$shared/device/jre.sh" "$stage" >/dev/null
fi
size=$(du -sm "$stage" | cut -f1)
echo "device-stage: staged $(ls "$stage/lib" | wc -l) jars, test classes, jre.tgz, junit-console.jar" \
  "in $stage ($size MiB of the 64 MiB that may travel)"
if [ "$size" -gt 60 ]; then
  echo "device-stage: $stage is too large to carry" >&2
  exit 1
fi
