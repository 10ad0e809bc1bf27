#!/usr/bin/env bash
# Paper Section 6 (Fig. 26): semi-supervised training, S_D against the labelled fraction over seeds.
# Usage: run.sh [small|paper] [OUT_DIR]   (default small; results in OUT_DIR, default out-SCALE/ here)
# The sweep specs are small.spec and paper*.spec beside this script; README.md says what each shows.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec "$here/../run-sweeps.sh" "$here" "$@"
