#!/usr/bin/env bash
# Starts a one-node SLURM cluster on this machine (munged, slurmctld, slurmd as background daemons), for
# trying `fieldvae sweep --engine slurm` on a laptop and for the integration tests. Everything lives in one
# state folder (default /tmp/fieldvae-slurm, or $FIELDVAE_SLURM_DIR): slurm.conf, munge key and socket,
# spool, logs, pid files. Nothing under /etc is changed, and the ports (16817 for slurmctld and the next for
# slurmd, or $FIELDVAE_SLURM_PORT and the next) stay clear of a system cluster's. Needs root (slurmd starts the jobs as their users) and Debian's packages:
#   apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge
# Prints on stdout the one line the SLURM commands need, so use it as
#   eval "$(scripts/slurm/start-local-cluster.sh)"
# and stop the cluster with scripts/slurm/stop-local-cluster.sh.
set -euo pipefail

dir="${FIELDVAE_SLURM_DIR:-/tmp/fieldvae-slurm}"
port="${FIELDVAE_SLURM_PORT:-16817}"
log() { echo "start-local-cluster: $*" >&2; }
fail() { log "$*"; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "needs root (slurmd runs jobs as their users; munged runs as user munge)"
for tool in munged slurmctld slurmd sinfo; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge)"
done
getent passwd munge >/dev/null || fail "there is no user 'munge' (the munge package creates it)"

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
if alive "$dir/slurmctld.pid" && alive "$dir/slurmd.pid" && alive "$dir/munge/munged.pid"; then
  log "already running in $dir"
  echo "export SLURM_CONF=$dir/slurm.conf"
  exit 0
fi

mkdir -p "$dir/ctld" "$dir/spool" "$dir/log"
# munged wants its socket folder owned by munge and open to all for execute, and the key readable by munge alone.
# Without systemd nothing creates /run/munge, so the socket lives here instead.
mkdir -p "$dir/munge"
chown munge: "$dir/munge"
chmod 755 "$dir/munge"
if [ ! -f "$dir/munge/munge.key" ]; then
  mungekey --create --keyfile="$dir/munge/munge.key" 2>/dev/null \
    || dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
fi
chown munge: "$dir/munge/munge.key"
chmod 600 "$dir/munge/munge.key"

host=$(hostname -s)
# the node's hardware exactly as slurmd detects it: a RealMemory above what slurmd finds drains the node
hardware=$(slurmd -C | head -n 1 | sed -e 's/^NodeName=[^ ]* //')
case "$hardware" in *RealMemory=*) ;; *) fail "slurmd -C did not report the hardware: $hardware" ;; esac

conf="$dir/slurm.conf"
cat > "$conf.tmp" <<CONF
# written by scripts/slurm/start-local-cluster.sh: a one-node test cluster
ClusterName=fieldvae-local
# 127.0.0.1 as the address, so the host name need not resolve
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/ctld
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
# no cgroups: plain process tracking, no task binding (containers and laptops without systemd)
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
# no accounting database (so no sacct); finished jobs are written to a text file
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
# scancel and time limits: SIGTERM, then SIGKILL 5 s later
KillWait=5
NodeName=$host NodeAddr=127.0.0.1 $hardware State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
mv "$conf.tmp" "$conf"
export SLURM_CONF="$conf"

runuser -u munge -- munged --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed"
# -c: start without the jobs of an earlier run of this cluster
slurmctld -c -f "$conf"
slurmd -f "$conf"

for _ in $(seq 1 100); do
  state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
  if [ "$state" = "idle" ] || [ "$state" = "mixed" ] || [ "$state" = "allocated" ]; then
    log "node $host is $state; state, logs and pid files in $dir"
    echo "export SLURM_CONF=$conf"
    exit 0
  fi
  sleep 0.1
done
fail "node $host did not become idle within 10 s (state '${state:-none}'); see $dir/log/slurmctld.log and slurmd.log"
