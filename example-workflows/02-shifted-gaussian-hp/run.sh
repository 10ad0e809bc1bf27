#!/usr/bin/env bash
# Paper Section 5.2 (Fig. 16-19): p(theta) = N([1,1], 0.5 I), standard prior against the hierarchical prior (HP).
# Usage: run.sh [small|paper] [OUT_DIR]   (default small; results in OUT_DIR, default out-SCALE/ here)
# The sweep specs are small.spec and paper*.spec beside this script; README.md says what each shows.
# After the sweeps, the seed-1 trial of each prior gets the latent-rotation probe of Fig. 18 (rotate.csv/png).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scale=${1:-small}
out=${2:-$here/out-$scale}
status=0
"$here/../run-sweeps.sh" "$here" "$@" || status=$?
if [ "$status" -gt 1 ]; then exit "$status"; fi
fieldvae="$here/../../fieldvae"
for trial in "$out"/*/*seed=1; do
  if [ -f "$trial/model.zip" ] && [ -f "$trial/test.hdf5" ] && [ ! -f "$trial/rotate.csv" ]; then
    "$fieldvae" probe rotate --model "$trial/model.zip" --data "$trial/test.hdf5" --out "$trial/rotate.csv" || status=1
  fi
done
exit "$status"
