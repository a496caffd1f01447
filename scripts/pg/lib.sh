# Shared by the scripts in scripts/pg: run PostgreSQL's binaries as the `postgres` user when
# root (initdb and postgres refuse to run as root), as the caller otherwise.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}
