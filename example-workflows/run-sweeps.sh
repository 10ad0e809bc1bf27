#!/usr/bin/env bash
# Runs one experiment of example-workflows/ with the command line; called by each experiment's run.sh.
#
#   run-sweeps.sh EXPERIMENT_DIR [small|paper] [OUT_DIR]
#
# For the chosen scale it copies the experiment's spec files (SCALE.spec, or SCALE-PART.spec for an
# experiment that needs two schedules) into OUT_DIR (default EXPERIMENT_DIR/out-SCALE), runs
# `fieldvae sweep` for each into OUT_DIR/sweep or OUT_DIR/PART, then `fieldvae report` for the seed-1
# trial of every setting. Rerunning resumes: finished trials are skipped, unfinished ones continue from
# their last checkpoint. PARALLEL=N passes --parallel N to the sweep (default 1: on two cores one
# training already uses both). Exit code: 2 on bad usage or a bad spec, 1 if a trial failed, else 0.
set -euo pipefail

experiment=$(cd "$1" && pwd)
shift
name=$(basename "$experiment")
usage="usage: $name/run.sh [small|paper] [OUT_DIR]"
scale=${1:-small}
case "$scale" in
  small | paper) ;;
  -h | --help) echo "$usage"; exit 0 ;;
  *) echo "$name: unknown scale '$scale'; $usage" >&2; exit 2 ;;
esac
[ $# -le 2 ] || { echo "$name: too many arguments; $usage" >&2; exit 2; }
out=${2:-$experiment/out-$scale}
fieldvae="$(cd "$experiment/../.." && pwd)/fieldvae"
[ -x "$fieldvae" ] || { echo "$name: the launcher $fieldvae is missing" >&2; exit 2; }
parallel=()
if [ -n "${PARALLEL:-}" ]; then parallel=(--parallel "$PARALLEL"); fi

specs=()
for spec in "$experiment/$scale.spec" "$experiment/$scale"-*.spec; do
  if [ -f "$spec" ]; then specs+=("$spec"); fi
done
[ ${#specs[@]} -gt 0 ] || { echo "$name: no $scale.spec or $scale-*.spec in $experiment" >&2; exit 2; }

mkdir -p "$out"
status=0
for spec in "${specs[@]}"; do
  file=$(basename "$spec")
  part=${file%.spec}
  part=${part#"$scale"}
  part=${part#-}
  sweep="$out/${part:-sweep}"
  # the copy beside the results records what was run; the sweep reads the copy
  cp "$spec" "$out/$file"
  echo "$name ($scale): fieldvae sweep --spec $out/$file --out $sweep" >&2
  rc=0
  "$fieldvae" sweep --spec "$out/$file" --out "$sweep" ${parallel[@]+"${parallel[@]}"} || rc=$?
  # 1 = some trials failed (the others are summarised); anything else stops here
  if [ "$rc" -eq 1 ]; then status=1; elif [ "$rc" -ne 0 ]; then exit "$rc"; fi
  reported=0
  for trial in "$sweep"/*seed=1 "$sweep"/trial; do
    if [ -f "$trial/scores.json" ]; then
      "$fieldvae" report --run "$trial" --force
      reported=$((reported + 1))
    fi
  done
  [ "$reported" -gt 0 ] || echo "$name: no finished seed-1 trial in $sweep, so no report" >&2
done
echo "$name ($scale): summaries in $out/*/summary-by-setting.csv and $out/*/summary.png" >&2
exit "$status"
