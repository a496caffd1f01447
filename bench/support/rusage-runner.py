#!/usr/bin/env python3
"""Runs commands alternately and reports, per run, wall time and the child's own CPU time
(user, sys) and peak resident memory from wait4(2): exact figures for each process, which
Node's child_process does not give. Standard library only (Debian's python3).

stdin: {"runs": N, "warmup": W, "commands": [{"name": str, "argv": [...], "env": {...}?}]}
stdout: one JSON line per run: {"name", "round", "wall_ms", "user_ms", "sys_ms", "maxrss_kb", "status"}

Each round runs every command once; the order rotates from round to round, so no command
always follows the same one (page cache, CPU frequency, the apiserver's last answer).
Standard output of the commands goes to /dev/null; their stderr is kept in a file per command
when stderr_dir is given (phase marks), else discarded.
"""
import json
import os
import sys
import time


def run_once(command, stderr_path):
    env = dict(os.environ)
    env.update(command.get("env", {}))
    devnull = os.open(os.devnull, os.O_WRONLY)
    err = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600) if stderr_path else devnull
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(devnull, 1)
            os.dup2(err, 2)
            os.execvpe(command["argv"][0], command["argv"], env)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    os.close(devnull)
    if err != devnull:
        os.close(err)
    return {
        "wall_ms": wall * 1000,
        "user_ms": usage.ru_utime * 1000,
        "sys_ms": usage.ru_stime * 1000,
        "maxrss_kb": usage.ru_maxrss,
        "status": os.waitstatus_to_exitcode(status),
    }


def main():
    spec = json.load(sys.stdin)
    commands = spec["commands"]
    stderr_dir = spec.get("stderr_dir")
    for round_index in range(-spec.get("warmup", 1), spec["runs"]):
        for offset in range(len(commands)):
            command = commands[(round_index + offset) % len(commands)]
            stderr_path = None
            if stderr_dir:
                stderr_path = os.path.join(stderr_dir, f"{command['name']}-{round_index}.err")
            result = run_once(command, stderr_path)
            if round_index < 0:
                continue
            result.update({"name": command["name"], "round": round_index, "stderr": stderr_path})
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
