#!/usr/bin/env bash
# Paper Section 5.2 (Fig. 16-19): p(theta) = N([1,1], 0.5 I), standard prior against the hierarchical prior (HP).
# Usage: run.sh [small|paper] [OUT_DIR]   (default small; results in OUT_DIR, default out-SCALE/ here)
# The sweep specs are small.spec and paper*.spec beside this script; README.md says what each shows.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec "$here/../run-sweeps.sh" "$here" "$@"
