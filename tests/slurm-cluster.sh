#!/usr/bin/env bash
# A throwaway single-node Slurm cluster on this machine, for the slurm-cluster test.
#
# Usage: tests/slurm-cluster.sh check
#        tests/slurm-cluster.sh start|stop|status [DIR]
#
# DIR (or $GCSIM_SLURM_DIR) holds everything the cluster has: its munge key and socket,
# slurm.conf, the state and spool folders, the pid files and the daemon logs. `start`
# creates DIR if needed (a new /tmp/gcsim-slurm.XXXXXX if none is given), starts munged,
# slurmctld and slurmd as the current user (root) on loopback ports, waits until the node
# is idle and prints SLURM_CONF=DIR/slurm.conf. `stop` cancels the cluster's jobs, ends the
# daemons named in DIR's pid files and removes DIR. Both are idempotent. Nothing outside DIR
# is written but a lock file that serializes concurrent starts (/tmp/gcsim-slurm-cluster.lock),
# and no system-wide configuration is read: no /etc/slurm, no /etc/munge, no system munged.
#
# `check` exits 0 if a cluster can run here, 77 (with the reason) if not: not root, or the
# Debian packages slurm-wlm and munge are missing.
set -euo pipefail

# The daemons live in sbin, which not every PATH has.
PATH=$PATH:/usr/sbin:/sbin

readonly MARKER=.gcsim-slurm-cluster
readonly LOCK=${TMPDIR:-/tmp}/gcsim-slurm-cluster.lock

die() {
    echo "slurm-cluster: $*" >&2
    exit 1
}

note() {
    echo "slurm-cluster: $*" >&2
}

check() {
    if [[ $(id -u) -ne 0 ]]; then
        echo "slurm-cluster: needs root (slurmd launches jobs and munged's key must be ours)" >&2
        return 77
    fi
    local missing=()
    local tool
    for tool in munged munge unmunge slurmctld slurmd sbatch squeue sinfo scontrol scancel; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
    done
    if ((${#missing[@]})); then
        echo "slurm-cluster: missing ${missing[*]} (Debian packages slurm-wlm and munge:" \
             "scripts/setup.sh --test installs them)" >&2
        return 77
    fi
}

# The process named in pid file $1 if it is alive and runs the program $2.
live_pid() {
    local file=$1 name=$2 pid
    [[ -s $file ]] || return 1
    pid=$(tr -dc '0-9' <"$file")
    [[ -n $pid && -d /proc/$pid ]] || return 1
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$name" ]] || return 1
    local stat
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != [ZX] ]] || return 1
    echo "$pid"
}

all_running() {
    live_pid "$dir/munge/munged.pid" munged >/dev/null &&
        live_pid "$dir/run/slurmctld.pid" slurmctld >/dev/null &&
        live_pid "$dir/run/slurmd.pid" slurmd >/dev/null
}

# A TCP port nobody listens on at 127.0.0.1, from $1 up.
free_port() {
    local port=$1
    while ((port < $1 + 200)); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            if [[ $port != "${2:-}" ]]; then
                echo "$port"
                return 0
            fi
        fi
        port=$((port + 1))
    done
    return 1
}

show_logs() {
    local log
    for log in "$dir"/log/*; do
        [[ -f $log ]] || continue
        echo "----- $log (last 40 lines)" >&2
        tail -n 40 "$log" >&2
    done
}

# Waits until the command "${@:2}" succeeds, or fails at once when daemon $1 ("PIDFILE NAME")
# has ended: its pid file names a process that is gone. No time limit, which a loaded
# machine would turn into a verdict: ctest's timeout ends a daemon that neither answers nor
# ends.
wait_until_up() {
    local pidfile=${1% *} name=${1##* } pid
    shift
    until "$@" >/dev/null 2>&1; do
        if [[ -s $pidfile ]] && ! live_pid "$pidfile" "$name" >/dev/null; then
            pid=$(tr -dc '0-9' <"$pidfile")
            note "$name (pid $pid) has ended"
            return 1
        fi
        sleep 0.2
    done
}

# Waits up to $1 seconds for the command "${@:2}" to succeed (for stopping, not a verdict).
wait_for() {
    local seconds=$1
    shift
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

# True when the cluster has no pending, running or completing job.
no_jobs() {
    local jobs
    jobs=$(timeout 10 squeue -h -o %i 2>/dev/null) || return 1
    [[ -z $jobs ]]
}

node_idle() {
    [[ $(sinfo -h -n localhost -o %T 2>/dev/null) == idle ]]
}

munge_works() {
    munge -S "$dir/munge/munge.socket" -n </dev/null | unmunge -S "$dir/munge/munge.socket"
}

fail_start() {
    note "$*"
    show_logs
    stop_cluster
    exit 1
}

write_conf() {
    # The hardware as slurmd sees it, so that the node registers without being drained.
    local hw
    hw=$(SLURM_CONF=/dev/null slurmd -C 2>/dev/null | head -n 1) || true
    [[ $hw == NodeName=* ]] || die "slurmd -C printed no node line"
    local field key value cpus=1 boards=1 sockets=1 cores=1 threads=1 memory=1
    for field in $hw; do
        key=${field%%=*}
        value=${field#*=}
        case $key in
            CPUs) cpus=$value ;;
            Boards) boards=$value ;;
            SocketsPerBoard) sockets=$value ;;
            CoresPerSocket) cores=$value ;;
            ThreadsPerCore) threads=$value ;;
            RealMemory) memory=$value ;;
        esac
    done

    # Slurm binds its daemons to the address the host name resolves to when told
    # NoInAddrAny/NoCtldInAddrAny, else to every address. Use that only when it is a loopback
    # address (127.0.0.1 or Debian's 127.0.1.1); then the cluster is reachable from this
    # machine alone.
    local addr comm=""
    addr=$(getent ahostsv4 "$(hostname)" 2>/dev/null | awk 'NR == 1 { print $1 }') || true
    if [[ $addr == 127.* ]]; then
        comm="CommunicationParameters=NoCtldInAddrAny,NoInAddrAny"
    else
        note "the host name resolves to ${addr:-nothing}, not a loopback address:" \
             "slurmctld and slurmd listen on every address, on ports $ctld_port and $slurmd_port"
        addr=127.0.0.1
    fi

    cat >"$dir/slurm.conf" <<EOF
# A single-node test cluster; everything lives in $dir.
ClusterName=gcsimtest
SlurmctldHost=localhost($addr)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
$comm
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
MpiDefault=none
ReturnToService=2
MinJobAge=600
KillWait=5
MailProg=/bin/true
NodeName=localhost NodeAddr=$addr CPUs=$cpus Boards=$boards SocketsPerBoard=$sockets CoresPerSocket=$cores ThreadsPerCore=$threads RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
}

start_cluster() {
    check || exit $?
    if [[ -z $dir ]]; then
        dir=$(mktemp -d /tmp/gcsim-slurm.XXXXXX)
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd -P)
    export SLURM_CONF=$dir/slurm.conf

    if [[ -f $dir/$MARKER ]] && all_running; then
        wait_until_up "$dir/run/slurmd.pid slurmd" node_idle ||
            fail_start "the running cluster's node is not idle"
        note "already running in $dir"
        echo "SLURM_CONF=$SLURM_CONF"
        return 0
    fi
    if [[ -f $dir/$MARKER ]]; then
        note "$dir holds a cluster that is not fully up; restarting it"
        stop_daemons
    elif [[ -n $(ls -A "$dir") ]]; then
        die "$dir is not empty and holds no cluster of this script; give an empty or new folder"
    fi

    touch "$dir/$MARKER"
    # Clusters that start at the same time would pick the same free ports: one at a time,
    # until the daemons listen. The daemons do not inherit the lock (9>&-).
    exec 9>>"$LOCK"
    flock 9 || die "cannot lock $LOCK"
    # munged wants its socket folder searchable by all, its key private to its user.
    chmod 755 "$dir"
    mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/run" "$dir/log"
    chmod 755 "$dir/munge"
    chmod 700 "$dir/state" "$dir/spool"
    rm -rf "${dir:?}"/state/* "${dir:?}"/spool/*

    local key=$dir/munge/munge.key
    if [[ ! -s $key ]]; then
        if command -v mungekey >/dev/null 2>&1; then
            mungekey --create --keyfile="$key" || die "mungekey could not create $key"
        else
            (umask 077 && dd if=/dev/urandom of="$key" bs=1024 count=1 status=none)
        fi
    fi
    chmod 0400 "$key"

    ctld_port=$(free_port "${GCSIM_SLURM_PORT:-16817}") || die "no free port from 16817 up"
    slurmd_port=$(free_port "$((ctld_port + 1))" "$ctld_port") || die "no free port for slurmd"
    write_conf

    munged --socket="$dir/munge/munge.socket" --key-file="$key" \
        --pid-file="$dir/munge/munged.pid" --seed-file="$dir/munge/munged.seed" \
        --log-file="$dir/log/munged.log" </dev/null >>"$dir/log/munged.out" 2>&1 9>&- ||
        fail_start "munged did not start"
    wait_until_up "$dir/munge/munged.pid munged" munge_works ||
        fail_start "munged does not answer on $dir/munge/munge.socket"

    slurmctld </dev/null >>"$dir/log/slurmctld.out" 2>&1 9>&- || fail_start "slurmctld did not start"
    wait_until_up "$dir/run/slurmctld.pid slurmctld" scontrol ping ||
        fail_start "slurmctld does not answer on port $ctld_port"

    slurmd -N localhost </dev/null >>"$dir/log/slurmd.out" 2>&1 9>&- || fail_start "slurmd did not start"
    wait_until_up "$dir/run/slurmd.pid slurmd" node_idle ||
        fail_start "the node did not become idle: $(sinfo -h -N -o '%N %T %E' 2>&1)"

    exec 9>&-
    note "up in $dir (slurmctld on port $ctld_port, slurmd on port $slurmd_port)"
    echo "SLURM_CONF=$SLURM_CONF"
}

# Ends the daemons of the pid-file/program pairs given: SIGTERM, then SIGKILL after 15 s.
end_daemons() {
    local pids=() names=() pid
    while (($# >= 2)); do
        if pid=$(live_pid "$1" "$2"); then
            kill -TERM "$pid" 2>/dev/null && pids+=("$pid") && names+=("$2")
        fi
        shift 2
    done
    local deadline=$((SECONDS + 15)) i
    for i in "${!pids[@]}"; do
        while [[ -d /proc/${pids[i]} ]] && ((SECONDS < deadline)); do
            sleep 0.1
        done
        if [[ -d /proc/${pids[i]} ]]; then
            note "${names[i]} (${pids[i]}) ignored SIGTERM; killing it"
            kill -KILL "${pids[i]}" 2>/dev/null || true
        fi
    done
}

# What is left of this cluster once its daemons are gone (after a crash of slurmctld, say): its
# job step daemons, slurmctld's script daemon and the processes of its jobs, all of which
# carry its SLURM_CONF (the jobs also a SLURM_JOB_ID).
our_leftovers() {
    local p comm entry ours job
    local -a env
    for p in /proc/[0-9]*; do
        [[ ${p#/proc/} != "$$" ]] || continue
        mapfile -d "" -t env 2>/dev/null <"$p/environ" || continue
        ours=0 job=0
        for entry in "${env[@]}"; do
            [[ $entry == "SLURM_CONF=$dir/slurm.conf" ]] && ours=1
            [[ $entry == SLURM_JOB_ID=* ]] && job=1
        done
        ((ours)) || continue
        read -r comm 2>/dev/null <"$p/comm" || continue
        if [[ $comm == slurmstepd || $comm == slurmscriptd ]] || ((job)); then
            echo "${p#/proc/}"
        fi
    done
}

stop_daemons() {
    export SLURM_CONF=$dir/slurm.conf
    if live_pid "$dir/run/slurmctld.pid" slurmctld >/dev/null; then
        local jobs
        if jobs=$(timeout 10 squeue -h -o %i 2>/dev/null) && [[ -n $jobs ]]; then
            timeout 10 scancel --user="$(id -un)" 2>/dev/null || true
            wait_for 20 no_jobs || note "jobs still running after scancel; stopping anyway"
        fi
    fi
    end_daemons "$dir/run/slurmd.pid" slurmd
    end_daemons "$dir/run/slurmctld.pid" slurmctld "$dir/munge/munged.pid" munged
    local pid
    for pid in $(our_leftovers); do
        kill -KILL "$pid" 2>/dev/null || true
    done
}

stop_cluster() {
    [[ -n $dir ]] || die "stop: which cluster? give DIR or set GCSIM_SLURM_DIR"
    [[ -d $dir ]] || return 0
    if [[ ! -f $dir/$MARKER ]]; then
        [[ -z $(ls -A "$dir") ]] && rmdir "$dir"
        return 0
    fi
    dir=$(cd "$dir" && pwd -P)
    stop_daemons
    rm -rf "$dir"
}

status_cluster() {
    [[ -n $dir && -f $dir/$MARKER ]] || { echo "no cluster in ${dir:-(no DIR given)}"; return 1; }
    local name file
    for name in munged slurmctld slurmd; do
        file=$dir/run/$name.pid
        [[ $name == munged ]] && file=$dir/munge/munged.pid
        if pid=$(live_pid "$file" "$name"); then
            echo "$name: running ($pid)"
        else
            echo "$name: not running"
        fi
    done
    all_running && SLURM_CONF=$dir/slurm.conf sinfo
}

dir=${2:-${GCSIM_SLURM_DIR:-}}
ctld_port=""
slurmd_port=""
case ${1:-} in
    check) check ;;
    start) start_cluster ;;
    stop) stop_cluster ;;
    status) status_cluster ;;
    *)
        echo "usage: $0 check | start|stop|status [DIR]" >&2
        exit 2
        ;;
esac
