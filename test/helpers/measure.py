"""Runs a command and reports its peak memory and the peak disk use of a directory, as JSON.

usage: measure.py OUT.json WATCH_DIR -- COMMAND...

Peak RSS is RUSAGE_CHILDREN's ru_maxrss after the command ends: the largest resident set of the command
or of any descendant it waited for (git children included), in KiB on Linux. Disk use is the allocated
size of every file under WATCH_DIR, sampled every 20 ms while the command runs, leaving out the local
provider's sandboxes (`sandbox-agent-local-*`: the agent's side, a remote machine on Daytona or Modal).
"""

import json
import os
import resource
import subprocess
import sys
import threading
import time


def allocated(root):
    total = 0
    for parent, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith("sandbox-agent-local-")]
        for name in files:
            try:
                total += os.lstat(os.path.join(parent, name)).st_blocks * 512
            except OSError:
                pass
    return total


def main():
    out_path, watch_dir, sep, *command = sys.argv[1:]
    assert sep == "--" and command
    peak = {"disk": 0}
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak["disk"] = max(peak["disk"], allocated(watch_dir))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = subprocess.call(command)
    done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out_path, "w") as out:
        json.dump({"exitCode": code, "maxRssKiB": usage.ru_maxrss, "peakDiskBytes": peak["disk"]}, out)
    sys.exit(code if code >= 0 else 128 - code)


main()
