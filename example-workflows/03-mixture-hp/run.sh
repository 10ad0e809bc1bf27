#!/usr/bin/env bash
# Paper Section 5.3 (Fig. 20-25): four-mode Gaussian mixture p(theta), standard prior against HP.
# Usage: run.sh [small|paper] [OUT_DIR]   (default small; results in OUT_DIR, default out-SCALE/ here)
# The sweep specs are small.spec and paper*.spec beside this script; README.md says what each shows.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec "$here/../run-sweeps.sh" "$here" "$@"
