#!/usr/bin/env bash
# Paper Section 5.1 (Fig. 12-15): standard normal p(theta), S_D against the training-set size over seeds.
# Usage: run.sh [small|paper] [OUT_DIR]   (default small; results in OUT_DIR, default out-SCALE/ here)
# The sweep specs are small.spec and paper*.spec beside this script; README.md says what each shows.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec "$here/../run-sweeps.sh" "$here" "$@"
