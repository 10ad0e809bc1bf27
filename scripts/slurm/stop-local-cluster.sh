#!/usr/bin/env bash
# Stops the one-node cluster of start-local-cluster.sh: cancels its jobs (slurmd's end does not end the
# jobs' processes), then ends slurmd, slurmctld and munged by the PIDs in their pid files. Safe to run when
# the cluster is not (or only partly) running.
set -uo pipefail

dir="${FIELDVAE_SLURM_DIR:-/tmp/fieldvae-slurm}"
log() { echo "stop-local-cluster: $*" >&2; }
export SLURM_CONF="$dir/slurm.conf"

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

if alive "$dir/slurmctld.pid" && [ -f "$SLURM_CONF" ]; then
  jobs=$(squeue -h -o %A 2>/dev/null | sort -u)
  if [ -n "$jobs" ]; then
    # shellcheck disable=SC2086
    scancel $jobs 2>/dev/null
    for _ in $(seq 1 150); do
      [ -z "$(squeue -h -o %A 2>/dev/null)" ] && break
      sleep 0.1
    done
  fi
fi

stop() {
  local pidfile=$1 name=$2
  if ! alive "$pidfile"; then
    rm -f "$pidfile"
    return
  fi
  local pid
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; log "stopped $name ($pid)"; return; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null
  rm -f "$pidfile"
  log "killed $name ($pid): it did not stop within 10 s"
}

stop "$dir/slurmd.pid" slurmd
stop "$dir/slurmctld.pid" slurmctld
stop "$dir/munge/munged.pid" munged
