# Runs each command of a JSON plan interleaved, RUNS times, and prints, per
# command, every wall time (ms) and peak RSS (KiB, from wait4's ru_maxrss).
# Usage: python3 measure.py < plan.json   (plan: {"runs": N, "cases": {name: {"argv": [...], "env": {...}}}})
import json, os, subprocess, sys, time

plan = json.load(sys.stdin)
results = {name: {"wallMs": [], "rssKiB": [], "failures": 0} for name in plan["cases"]}
for _ in range(plan["runs"]):
    for name, case in plan["cases"].items():
        start = time.perf_counter()
        child = subprocess.Popen(case["argv"], env=case["env"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
        child.returncode = os.waitstatus_to_exitcode(status)
        error = child.stderr.read().decode(errors="replace")
        child.stderr.close()
        if child.returncode != 0:
            results[name]["failures"] += 1
            results[name]["lastError"] = error[-500:]
            continue
        results[name]["wallMs"].append(elapsed)
        results[name]["rssKiB"].append(usage.ru_maxrss)
json.dump(results, sys.stdout)
