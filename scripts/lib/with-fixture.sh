# Sourced by the with-*.sh wrappers that run CMD against one private fixture (a control plane,
# an LXD daemon): a private state dir per run unless one is given, so two runs at once (CI and a
# benchmark, say) never stop each other's fixture through a shared pid file; teardown on every
# exit; and CMD's own exit code.
#   with_fixture NAME STATE_VAR PREFIX DOWN_SCRIPT CMD...   (after the wrapper's own setup steps)
# is split in two so the wrapper can start its fixture between them:
#   fixture_begin NAME STATE_VAR PREFIX DOWN_SCRIPT "$@"  -> usage check, state dir, traps
#   fixture_run "$@"                                      -> CMD, exiting with its code

fixture_private_state=""

fixture_begin() {
  local name="$1" state_var="$2" prefix="$3"
  fixture_name="$name"
  fixture_down="$4"
  shift 4
  if [[ $# -eq 0 ]]; then
    echo "usage: $name CMD [ARGS...]" >&2
    exit 2
  fi
  if [[ -z "${!state_var:-}" ]]; then
    fixture_private_state="$(mktemp -d "/tmp/$prefix.XXXXXX")"
    export "$state_var=$fixture_private_state"
  fi
  trap fixture_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

fixture_cleanup() {
  "$fixture_down" || echo "$fixture_name: down.sh failed" >&2
  if [[ -n "$fixture_private_state" ]]; then rm -rf "$fixture_private_state"; fi
}

fixture_run() {
  local rc
  set +e
  "$@"
  rc=$?
  set -e
  exit "$rc"
}

# For up.sh: wipe the state dir of a previous run (stopping what it still runs), but never a
# directory up.sh did not make.  fixture_wipe_state STATE MARKER DOWN_SCRIPT LOG_FUNCTION
fixture_wipe_state() {
  local state="$1" marker="$2" down="$3" log="$4"
  [[ -e "$state" ]] || return 0
  if [[ -n "$(ls -A "$state" 2>/dev/null)" && ! -f "$state/$marker" ]]; then
    "$log" "$state exists, is not empty and was not made by up.sh; refusing to wipe it"
    exit 1
  fi
  "$down"
  rm -rf "$state"
}
