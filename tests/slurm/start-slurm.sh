#!/usr/bin/env bash
# Starts a private Slurm cluster on this one machine for the tests: its own munged,
# slurmctld and two slurmd "nodes" (n1, n2, 2 CPUs and 2 fake GPUs each, given out
# through gres), on free ports picked at random and with every file under DIR, so
# that it never meets another cluster or another test's.
#
#   tests/slurm/start-slurm.sh DIR    # prints `export SLURM_CONF=DIR/slurm.conf` on success
#   tests/slurm/stop-slurm.sh DIR     # stops what DIR's cluster started
#
# Installs nothing: scripts/setup-deps.sh installs the packages with
# HPOC_WITH_SLURM=1. Exit status: 0 started; 77 this machine cannot run it (the
# packages are missing or we are not root; the reason is printed); 1 it should
# have started and did not (the reason and the log folder are printed).
set -euo pipefail
DIR=${1:?usage: start-slurm.sh DIR}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

cannot() { echo "start-slurm: cannot run a Slurm cluster here: $*" >&2; exit 77; }
failed() { echo "start-slurm: Slurm did not start: $* (logs in $DIR/log)" >&2; exit 1; }

for tool in slurmctld slurmd srun sinfo scontrol munged munge; do
  command -v "$tool" >/dev/null ||
    cannot "'$tool' is missing; install the packages with HPOC_WITH_SLURM=1 scripts/setup-deps.sh"
done
[ "$(id -u)" -eq 0 ] || cannot "the daemons need root (they start jobs as the calling user)"
id munge >/dev/null 2>&1 || cannot "there is no 'munge' user (is the munge package installed?)"

mkdir -p "$DIR"/{spool/ctld,spool/n1,spool/n2,log,pids,dev,munge}

# A free TCP port on 127.0.0.1, chosen at random so that parallel clusters differ.
free_port() {
  python3 - <<'P'
import random, socket
for _ in range(200):
    p = random.randint(20000, 60000)
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", p))
        except OSError:
            continue
        print(p)
        break
P
}

# munge: a private daemon, key and socket. munged insists that its key belong to
# the munge user with mode 0400 and that its folders not be writable by others.
chown munge:munge "$DIR/munge"
chmod 755 "$DIR/munge"
if [ ! -s "$DIR/munge/munge.key" ]; then
  dd if=/dev/urandom of="$DIR/munge/munge.key" bs=1 count=1024 2>/dev/null
fi
chown munge:munge "$DIR/munge/munge.key"
chmod 400 "$DIR/munge/munge.key"
SOCKET=$DIR/munge/munge.sock
if ! munge -n -S "$SOCKET" </dev/null >/dev/null 2>&1; then
  runuser -u munge -- munged --socket="$SOCKET" --key-file="$DIR/munge/munge.key" \
    --pid-file="$DIR/munge/munged.pid" --log-file="$DIR/munge/munged.log" \
    --seed-file="$DIR/munge/munged.seed" ||
    failed "munged refused to start: $(tail -n 3 "$DIR/munge/munged.log" 2>/dev/null)"
  cp "$DIR/munge/munged.pid" "$DIR/pids/munged.pid" 2>/dev/null || true
fi
for _ in $(seq 1 20); do
  munge -n -S "$SOCKET" </dev/null | unmunge -S "$SOCKET" >/dev/null 2>&1 && break
  sleep 0.2
done
munge -n -S "$SOCKET" </dev/null | unmunge -S "$SOCKET" >/dev/null 2>&1 ||
  failed "munge does not answer on $SOCKET"

# Fake GPUs: character devices (copies of /dev/null) the gres plugin hands out.
for i in 0 1 2 3; do
  [ -e "$DIR/dev/gpu$i" ] || mknod "$DIR/dev/gpu$i" c 1 3 || cannot "mknod is not allowed here"
done

CONF=$DIR/slurm.conf
if [ ! -s "$CONF" ]; then
  host=$(hostname -s)
  ctld_port=$(free_port) slurmd_port=$(free_port) n1_port=$(free_port) n2_port=$(free_port)
  cat >"$DIR/gres.conf" <<G
NodeName=n1 Name=gpu File=$DIR/dev/gpu[0-1]
NodeName=n2 Name=gpu File=$DIR/dev/gpu[2-3]
G
  cat >"$CONF" <<C
ClusterName=hpoc-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCKET,cred_expire=10
CredType=cred/munge
StateSaveLocation=$DIR/spool/ctld
SlurmdSpoolDir=$DIR/spool/%n
SlurmctldPidFile=$DIR/pids/slurmctld.pid
SlurmdPidFile=$DIR/pids/slurmd-%n.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd-%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
GresTypes=gpu
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
ReturnToService=2
SlurmdTimeout=5
SlurmctldTimeout=5
MessageTimeout=5
InactiveLimit=0
KillWait=2
OverTimeLimit=0
MinJobAge=300
MailProg=/bin/true
MpiDefault=none
NodeName=n1 NodeAddr=127.0.0.1 NodeHostname=$host Port=$n1_port CPUs=2 RealMemory=1000 Gres=gpu:2 State=UNKNOWN
NodeName=n2 NodeAddr=127.0.0.1 NodeHostname=$host Port=$n2_port CPUs=2 RealMemory=1000 Gres=gpu:2 State=UNKNOWN
PartitionName=debug Nodes=n1,n2 Default=YES MaxTime=INFINITE State=UP
C
fi

export SLURM_CONF=$CONF
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
alive "$DIR/pids/slurmctld.pid" || slurmctld -i -f "$CONF" || failed "slurmctld exited"
for n in n1 n2; do
  alive "$DIR/pids/slurmd-$n.pid" || slurmd -N "$n" -f "$CONF" || failed "slurmd $n exited"
done
idle=0
for _ in $(seq 1 60); do
  idle=$(sinfo -h -N -o '%N %T' 2>/dev/null | grep -c -E ' (idle|mixed|allocated)' || true)
  [ "$idle" -ge 2 ] && break
  # A node that registered as down after an earlier run of this folder comes back.
  scontrol update nodename=n1,n2 state=resume >/dev/null 2>&1 || true
  sleep 0.5
done
[ "$idle" -ge 2 ] || failed "the nodes did not come up: $(sinfo -h -N -o '%N %T' 2>&1 | tr '\n' ' ')"
echo "export SLURM_CONF=$CONF"
