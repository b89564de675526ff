#!/usr/bin/env python3
"""Rebuilds projections of a running query side and reports how long each took, in events/s.

Usage: scripts/rebuild-benchmark.py http://localhost:8081/api [member,attendance,...]
Without names it rebuilds every projection at once. It polls GET /admin/projections until each projection
answers from its new generation.
"""
import json, sys, time, urllib.request
base = sys.argv[1]
names = sys.argv[2].split(",") if len(sys.argv) > 2 else None
def status():
    return {p["name"]: p for p in json.load(urllib.request.urlopen(base + "/admin/projections"))}
before = status()
names = names or list(before)
head = max(p["head"] for p in before.values())
t0 = time.time()
for n in names:
    urllib.request.urlopen(urllib.request.Request(base + "/admin/projections/%s/rebuild" % n, data=b"", method="POST"))
done = {}
while len(done) < len(names):
    s = status()
    for n in names:
        if n not in done and s[n]["generation"] > before[n]["generation"] and s[n]["rebuild"] is None:
            done[n] = time.time() - t0
    time.sleep(0.2)
total = time.time() - t0
print("head %d events; %d projections rebuilt concurrently in %.1f s" % (head, len(names), total))
for n in names:
    print("  %-15s %6.1f s  %7.0f events/s" % (n, done[n], head / done[n]))
print("aggregate: %.0f projection-events/s" % (head * len(names) / total))
