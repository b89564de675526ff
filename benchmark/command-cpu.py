#!/usr/bin/env python3
"""CPU per command of one command-side jar: the benchmark's command mix, measured from /proc.

Usage: benchmark/command-cpu.py <command-side exec jar> <label> <port> <members> <clients>
Creates a scratch PostgreSQL database (127.0.0.1:5432, user postgres, trust), starts the jar on it, sets up one
branch and study day, registers the members, warms up on the first third of them and then measures attendance,
care visit and dues for each of the other members in turn (as the benchmark does) with <clients> closed-loop
threads. Prints one JSON line: commands/s, p50/p99, and the CPU milliseconds per command of the service JVM and
of the database's backends (utime+stime from /proc/<pid>/stat). Drops the database afterwards. Run two jars back to
back to compare them: CPU per command is far less sensitive to other load on the machine than wall-clock figures.
"""
import sys, os, time, json, subprocess, threading, urllib.request, random, statistics
jar, label, port, members, clients = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
db = f"cmdcpu_{label}_{int(time.time())}"
def psql(sql):
    for attempt in range(30):
        r = subprocess.run(["psql","-h","127.0.0.1","-U","postgres","-Atc",sql],capture_output=True,text=True)
        if r.returncode == 0: return r.stdout
        time.sleep(1)
    raise SystemExit("psql failed: " + r.stderr)
psql(f"CREATE DATABASE {db}")
env = dict(os.environ, EVENTSTORE_JDBC_URL=f"jdbc:postgresql://127.0.0.1:5432/{db}", EVENTSTORE_JDBC_USER="postgres",
           EVENTSTORE_JDBC_PASSWORD="", EVENTSTORE_MASTER_KEY="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", PORT=str(port),
           WRITES_PER_MINUTE=str(2**31-1))
log = open(f"/tmp/cmdcpu-{label}.log","w")
proc = subprocess.Popen(["java","-Xmx512m","-jar",jar], env=env, stdout=log, stderr=subprocess.STDOUT, cwd="/tmp")
base = f"http://127.0.0.1:{port}"
def req(method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    r = urllib.request.Request(base+path, data=data, method=method, headers={"Content-Type":"application/json", **({"Authorization":"Bearer "+token} if token else {})})
    try:
        with urllib.request.urlopen(r, timeout=120) as resp: return resp.status, resp.read()
    except urllib.error.HTTPError as e: return e.code, e.read()
try:
    for _ in range(600):
        try:
            if req("GET","/actuator/health")[0]==200: break
        except Exception: pass
        time.sleep(1)
    tok = json.loads(req("POST","/api/auth/token",{"role":"COMMITTEE","subject":"cpu"})[1])["access_token"]
    def ok(st, what):
        if st[0] not in (200,201): raise SystemExit(f"{what}: {st}")
    ok(req("POST","/api/organizations",{"organizationId":"qinglong","name":"青龙街道党工委","level":"COMMITTEE","establishedOn":"2005-01-01"},tok),"committee")
    ok(req("POST","/api/organizations",{"organizationId":"changqing","name":"常青村党总支","level":"GENERAL_BRANCH","setting":"RELOCATING_VILLAGE","parentId":"qinglong","establishedOn":"2005-01-01"},tok),"village")
    ok(req("POST","/api/organizations",{"organizationId":"changqing-1","name":"常青村第一党支部","level":"BRANCH","setting":"RELOCATING_VILLAGE","parentId":"changqing","establishedOn":"2005-01-01"},tok),"branch")
    ok(req("POST","/api/study-days",{"studyDayId":"sd-1","branchId":"changqing-1","date":"2026-11-10","topic":"学习","modes":["NEARBY","ONLINE"]},tok),"study day")
    def register(i):
        ok(req("POST","/api/members",{"memberId":f"m-{i}","name":"张建国","gender":"M","birthDate":"1948-03-01","joinedPartyOn":"1972-07-01","branchId":"changqing-1","categories":["FARMER"],"residence":{"status":"ORIGINAL","address":"常青村12号"},"phone":"13800000000","registeredOn":"2020-01-01"},tok),f"register {i}")
    def pool(n, f):
        it = iter(range(n)); lock = threading.Lock(); lat = []
        def work():
            while True:
                with lock:
                    i = next(it, None)
                if i is None: return
                t = time.time(); f(i); lat.append(time.time()-t)
        ts = [threading.Thread(target=work) for _ in range(clients)]
        [t.start() for t in ts]; [t.join() for t in ts]
        return lat
    pool(members, register)
    def command(offset):
        def run(i):
            m = f"m-{offset + i // 3}"
            k = i % 3
            if k == 0: st = req("POST",f"/api/members/{m}/attendance",{"studyDayId":"sd-1","mode":"NEARBY","attendedOn":"2026-11-10"},tok)
            elif k == 1: st = req("POST",f"/api/members/{m}/care-visits",{"helperName":"楼栋党小组长","kind":"CARE_VISIT","visitedOn":"2026-11-20","notes":"cpu"},tok)
            else: st = req("POST",f"/api/members/{m}/dues",{"period":"2026-10","amountFen":200,"paidOn":"2026-11-20"},tok)
            ok(st, f"command {i}")
        return run
    warm = members // 3
    pool(warm * 3, command(0))
    def ticks(pid):
        s = open(f"/proc/{pid}/stat").read(); f = s[s.rfind(')')+2:].split(); return int(f[11])+int(f[12])
    def pg():
        total = 0
        for line in psql(f"SELECT pid FROM pg_stat_activity WHERE datname = '{db}'").split():
            try: total += ticks(int(line))
            except Exception: pass
        return total
    n = (members - warm) * 3
    c0, p0, t0 = ticks(proc.pid), pg(), time.time()
    lat = pool(n, command(warm))
    c1, p1, t1 = ticks(proc.pid), pg(), time.time()
    lat.sort()
    print(json.dumps({"label":label,"commands":n,"clients":clients,"seconds":round(t1-t0,1),"per_s":round(n/(t1-t0),1),
        "p50_ms":round(lat[len(lat)//2]*1000,1),"p99_ms":round(lat[int(len(lat)*0.99)]*1000,1),
        "service_cpu_ms_per_cmd":round((c1-c0)*10/n,2),"pg_backend_cpu_ms_per_cmd":round((p1-p0)*10/n,2),
        "load":open("/proc/loadavg").read().split()[0]}))
finally:
    proc.terminate(); proc.wait(60)
    time.sleep(1)
    psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
