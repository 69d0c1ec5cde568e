#!/usr/bin/env bash
# Peers in one run: dedup against datasketch, rensa and gaoya on one generated corpus. See README.md beside this.
#
#   Benchmarks/peers/run-peers.sh [--documents 20000] [--seed 1] [--dedup PATH] [--markdown FILE] [...]
#   Benchmarks/peers/run-peers.sh --help      the benchmark's options
#   Benchmarks/peers/run-peers.sh --setup     only make the virtual environment
#   Benchmarks/peers/run-peers.sh --check     exit 0 when the environment is ready or can be made (PyPI answers)
#
# Makes a virtual environment in Benchmarks/peers/.venv (or $DEDUP_PEERS_VENV) with the pinned packages of
# requirements.txt, installing them with pip only when they are not there yet, then runs run_peers.py in it.
# $PYTHON picks the interpreter (default python3, 3.11 or newer); $DEDUP_PEERS_SETUP_TIMEOUT (seconds) bounds the
# pip install (default: no bound).
#
# Exit codes: 0 measured (or ready); 2 usage; 3 the package index (PyPI) cannot be reached, or the install ran
# past $DEDUP_PEERS_SETUP_TIMEOUT; 4 no usable Python or virtual environment, or pip failed for another reason;
# 5 dedup could not be built; 6 a tool or its evaluation failed.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${DEDUP_PEERS_VENV:-$HERE/.venv}"
REQUIREMENTS="$HERE/requirements.txt"
PYTHON="${PYTHON:-python3}"
SETUP_TIMEOUT="${DEDUP_PEERS_SETUP_TIMEOUT:-0}"
# No __pycache__ beside the sources: the only thing to git-ignore is the virtual environment.
export PYTHONDONTWRITEBYTECODE=1

EXIT_NO_INDEX=3
EXIT_PYTHON=4

say() { echo "run-peers: $*" >&2; }

no_index() {
    say "cannot reach the Python package index (PyPI${PIP_INDEX_URL:+ at $PIP_INDEX_URL}) to install"
    say "datasketch, rensa and gaoya into $VENV; connect to the network (or set PIP_INDEX_URL to a mirror) and"
    say "run again. Nothing was measured."
    exit "$EXIT_NO_INDEX"
}

check_python() {
    if ! command -v "$PYTHON" >/dev/null 2>&1; then
        say "no '$PYTHON' on PATH: the peers are Python libraries; install Python 3.11 or newer (or set PYTHON)"
        exit "$EXIT_PYTHON"
    fi
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        say "$("$PYTHON" --version 2>&1) is too old: the pinned numpy needs Python 3.11 or newer (set PYTHON)"
        exit "$EXIT_PYTHON"
    fi
}

venv_ready() {
    [ -x "$VENV/bin/python" ] && "$VENV/bin/python" "$HERE/venv_check.py" satisfied "$REQUIREMENTS" 2>/dev/null
}

setup() {
    venv_ready && return 0
    check_python
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating the virtual environment $VENV"
        if ! "$PYTHON" -m venv "$VENV" >&2; then
            rm -rf "$VENV"
            say "'$PYTHON -m venv' failed (on Debian: apt-get install python3-venv)"
            exit "$EXIT_PYTHON"
        fi
    fi
    "$VENV/bin/python" "$HERE/venv_check.py" reachable || no_index
    say "installing $(grep -v '^#' "$REQUIREMENTS" | grep -c .) pinned packages from requirements.txt"
    local log="$VENV/pip-install.log"
    local pip=("$VENV/bin/python" -m pip install --disable-pip-version-check --retries 2 --timeout 30
        -r "$REQUIREMENTS")
    local status=0
    if [ "$SETUP_TIMEOUT" != "0" ]; then
        timeout "$SETUP_TIMEOUT" "${pip[@]}" >"$log" 2>&1 || status=$?
        if [ "$status" -eq 124 ]; then
            say "installing the packages took longer than DEDUP_PEERS_SETUP_TIMEOUT=${SETUP_TIMEOUT}s; stopped"
            exit "$EXIT_NO_INDEX"
        fi
    else
        "${pip[@]}" >"$log" 2>&1 || status=$?
    fi
    if [ "$status" -ne 0 ]; then
        "$VENV/bin/python" "$HERE/venv_check.py" reachable 2>/dev/null || no_index
        tail -n 25 "$log" >&2
        say "pip install failed (exit $status; log: $log)"
        exit "$EXIT_PYTHON"
    fi
    venv_ready || { say "the packages are still not as pinned after pip install (log: $log)"; exit "$EXIT_PYTHON"; }
}

case "${1:-}" in
    --check)
        if venv_ready; then
            echo "ready: $VENV has the pinned packages"
            exit 0
        fi
        check_python
        "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || {
            say "'$PYTHON' cannot make a virtual environment with pip (on Debian: apt-get install python3-venv)"
            exit "$EXIT_PYTHON"
        }
        "$PYTHON" "$HERE/venv_check.py" reachable || no_index
        echo "installable: the package index answers; the first run makes $VENV"
        exit 0
        ;;
    --setup)
        setup
        echo "ready: $VENV"
        exit 0
        ;;
    -h | --help)
        if venv_ready; then exec "$VENV/bin/python" "$HERE/run_peers.py" --help; fi
        check_python
        exec "$PYTHON" "$HERE/run_peers.py" --help
        ;;
esac

setup
exec "$VENV/bin/python" "$HERE/run_peers.py" "$@"
