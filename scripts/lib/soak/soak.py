#!/usr/bin/env python3
"""The soak driver for scripts/soak: runs `feedd run` for MINUTES against server.py's feeds, reloads it with
SIGHUP (sources removed and re-added), kills it with SIGKILL and restarts it at once on the same store, samples
its memory and descriptors, then checks the journal against what the server served and prints a markdown table.

usage: soak.py MINUTES FEEDD WORKDIR [SOURCES]
Exit status 0 when every check passes, 1 otherwise."""
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REMOVED_PER_RELOAD = 6
RELOAD_EVERY = 40          # seconds between SIGHUPs
KILLS_AT = (0.20, 0.35, 0.50)  # fractions of the run; the last half runs undisturbed for the memory check
WARMUP = 60                # seconds after a start before memory and descriptors count as the baseline


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None


def fd_count(pid):
    try:
        return len(os.listdir("/proc/%d/fd" % pid))
    except OSError:
        return None


class Soak:
    def __init__(self, minutes, feedd, work, sources):
        self.minutes = minutes
        self.feedd = feedd
        self.work = work
        self.sources = sources
        self.conf = os.path.join(work, "feeds.conf")
        self.events = []        # (time, kind, detail)
        self.lifetimes = []     # dicts: log, pid, started, ended, how
        self.samples = []       # (time, lifetime index, rss kb, fds)
        self.removed = set()
        self.changed = False
        self.rng = random.Random(7)

    def say(self, text):
        print("soak: %s" % text, file=sys.stderr, flush=True)

    # The configuration: every source, except those a reload took out.
    def write_conf(self):
        lines = ["[feedd]", "store = ./store", "interval = 30s", "min_interval = 10s", "host_delay = 0s",
                 "max_per_host = 16", "max_connections = 16", "summary_interval = 1m", ""]
        for n in range(self.sources):
            if n in self.removed:
                continue
            lines.append("[source s%d]" % n)
            lines.append("url = %s/f/%d" % (self.base, n))
            if n == 1 and self.changed:
                lines.append("interval = 45s")
        with open(self.conf + ".tmp", "w") as handle:
            handle.write("\n".join(lines) + "\n")
        os.rename(self.conf + ".tmp", self.conf)

    def start_daemon(self, how):
        path = os.path.join(self.work, "daemon-%d.log" % len(self.lifetimes))
        log = open(path, "w")
        process = subprocess.Popen([self.feedd, "run", "--config", self.conf], stdout=subprocess.DEVNULL,
                                   stderr=log, stdin=subprocess.DEVNULL, cwd=self.work)
        log.close()
        self.lifetimes.append({"log": path, "process": process, "pid": process.pid, "started": time.time(),
                               "how": how, "ended": None, "end": None})
        self.events.append((time.time(), "start", how))

    @property
    def current(self):
        return self.lifetimes[-1]

    def kill(self):
        life = self.current
        life["process"].send_signal(signal.SIGKILL)
        life["process"].wait()
        life["ended"], life["end"] = time.time(), "SIGKILL"
        self.events.append((time.time(), "kill", life["pid"]))
        self.say("SIGKILL pid %d, restarting" % life["pid"])
        self.start_daemon("restart after SIGKILL")

    def reload(self):
        if self.removed:
            self.events.append((time.time(), "readd", sorted(self.removed)))
            self.removed = set()
        else:
            self.removed = set(self.rng.sample(range(self.sources), REMOVED_PER_RELOAD))
            self.events.append((time.time(), "remove", sorted(self.removed)))
        self.changed = not self.changed
        self.write_conf()
        self.current["process"].send_signal(signal.SIGHUP)

    def ready(self):
        """Whether the current daemon logged event=started (as systemd, reload only a service that is up)."""
        life = self.current
        if not life.get("ready"):
            with open(life["log"], errors="replace") as handle:
                life["ready"] = any(" event=started " in line for line in handle)
        return life["ready"]

    def sample(self):
        pid = self.current["pid"]
        if time.time() - self.current["started"] < 2:
            return  # still starting up (the exec itself): not a meaningful size
        self.samples.append((time.time(), len(self.lifetimes) - 1, rss_kb(pid), fd_count(pid)))

    def run(self):
        port_file = os.path.join(self.work, "port")
        server_log = open(os.path.join(self.work, "server.log"), "w")
        self.server = subprocess.Popen([sys.executable, "-B", os.path.join(HERE, "server.py"), str(self.sources), port_file],
                                       stdout=server_log, stderr=server_log)
        while not os.path.exists(port_file):
            if self.server.poll() is not None:
                raise SystemExit("soak: the feed server did not start (see %s/server.log)" % self.work)
            time.sleep(0.1)
        self.base = "http://127.0.0.1:%s" % open(port_file).read().strip()
        self.write_conf()
        self.began = time.time()
        end = self.began + self.minutes * 60
        kills = [self.began + f * self.minutes * 60 for f in KILLS_AT]
        next_reload = self.began + RELOAD_EVERY
        next_sample = self.began
        self.crashes = []
        self.start_daemon("first start")
        self.say("%d sources on %s, %g minutes, work directory %s" % (self.sources, self.base, self.minutes, self.work))
        try:
            while time.time() < end:
                now = time.time()
                code = self.current["process"].poll()
                if code is not None:
                    self.current["ended"], self.current["end"] = now, "exited %d" % code
                    self.crashes.append((self.current["pid"], code, self.current["log"]))
                    self.say("feedd exited on its own (status %d), restarting" % code)
                    self.start_daemon("restart after crash")
                if kills and now >= kills[0]:
                    kills.pop(0)
                    self.kill()
                elif now >= next_reload and self.ready():
                    next_reload = now + RELOAD_EVERY
                    self.reload()
                if now >= next_sample:
                    next_sample += 5
                    self.sample()
                time.sleep(0.2)
            self.sample()
            life = self.current
            life["process"].send_signal(signal.SIGTERM)
            try:
                self.stop_status = life["process"].wait(timeout=60)
            except subprocess.TimeoutExpired:
                life["process"].kill()
                self.stop_status = "hung (killed after 60 s)"
            life["ended"], life["end"] = time.time(), "SIGTERM"
            self.stop_seconds = life["ended"] - end
            with urllib.request.urlopen(self.base + "/_report", timeout=120) as response:
                self.report = json.load(response)
        finally:
            for life in self.lifetimes:
                if life["process"].poll() is None:
                    life["process"].kill()
            self.server.terminate()
            self.server.wait()
        return self.check()

    # Checks.
    def journal(self):
        out = subprocess.run([self.feedd, "read", "--config", self.conf], capture_output=True, text=True)
        records = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
        return records, out.returncode, out.stderr

    def check(self):
        records, read_status, read_err = self.journal()
        verify = subprocess.run([self.feedd, "verify", "--config", self.conf], capture_output=True, text=True)
        served = self.report["served"]
        ok_times = {int(n): sorted(ts) for n, ts in self.report["ok_times"].items()}
        pattern = re.compile(r"^Story (\d+)-(\d+) rev (\d+):")
        stored = {}        # "n:k" -> [(seq, v, revision)]
        unknown = []
        for record in records:
            match = pattern.match(record.get("title") or "")
            guid_ok = record.get("guid") == "urn:soak:f%s:i%s" % (match.group(1), match.group(2)) if match else False
            if not match or not guid_ok:
                unknown.append(record.get("seq"))
                continue
            key = "%s:%s" % (match.group(1), match.group(2))
            stored.setdefault(key, []).append((record["seq"], int(match.group(3)), record.get("revision")))

        disruptions = {}   # n -> times after which a served response may legitimately never be stored
        kills = [t for t, kind, _ in self.events if kind == "kill"]
        for t, kind, detail in self.events:
            if kind == "remove":
                for n in detail:
                    disruptions.setdefault(n, []).append(t)

        def explained(n, first, last):
            """A version never stored is fine only if every 200 that carried it (those in [first, last]) was cut
            off by a SIGKILL or the source's removal before the feed's next 200: never acknowledged, superseded."""
            times = ok_times.get(n, [])
            for i, served_at in enumerate(times):
                if served_at < first or served_at > last:
                    continue
                limit = times[i + 1] if i + 1 < len(times) else float("inf")
                if not any(served_at - 5 <= t <= limit for t in kills + disruptions.get(n, [])):
                    return False
            return True

        lost, duplicates, phantoms, skipped, bad_revisions = [], [], [], [], []
        versions_served = 0
        for key, versions in served.items():
            n = int(key.split(":")[0])
            have = stored.get(key, [])
            have_versions = [v for _, v, _ in have]
            versions_served += len(versions)
            if not have:
                if all(explained(n, first, last) for first, last in versions.values()):
                    skipped.append((key, 0))
                else:
                    lost.append(key)
                continue
            for v_text, (first, last) in versions.items():
                v = int(v_text)
                if v not in have_versions:
                    if explained(n, first, last):
                        skipped.append((key, v))
                    else:
                        lost.append("%s v%d" % (key, v))
        for key, have in stored.items():
            seen = set()
            for seq, v, revision in have:
                if v in seen:
                    duplicates.append((key, v, seq))
                seen.add(v)
                if str(v) not in served.get(key, {}):
                    phantoms.append((key, v, seq))
            revisions = [r for _, _, r in sorted(have)]
            if revisions != list(range(1, len(revisions) + 1)):
                bad_revisions.append((key, revisions))

        acked = self.ack_check()
        statuses = self.report["statuses"]
        polls = sum(statuses.values())
        daemon_polls = sum(self.count_lines(life["log"], " event=poll ") + self.count_lines(life["log"], " event=poll_failed ")
                           for life in self.lifetimes)
        reloads = sum(1 for _, kind, _ in self.events if kind in ("remove", "readd"))
        first = self.baseline(0)
        end_sample = self.samples[-1]
        # Growth is judged within each daemon process, from its warm-up to its last sample: a restart rebuilds
        # the dedupe index from a larger journal, so comparing different processes mixes growth with store size.
        growth = []
        for index in range(len(self.lifetimes)):
            own = [s for s in self.samples if s[1] == index and s[2]]
            if own:
                growth.append((self.baseline(index)[0], own[-1][2]))
        rss_ok = all(end <= start * 1.10 for start, end in growth)
        records_at_first = self.records_at_warmup()
        fds = []
        for index in range(len(self.lifetimes)):
            own = [s for s in self.samples if s[1] == index and s[3]]
            if own:
                fds.append((self.baseline(index)[1], own[-1][3]))
        fd_ok = all(end <= start for start, end in fds)
        verify_ok = verify.returncode == 0
        stop_ok = self.stop_status == 0
        rows = [
            ("duration", "%g min, %d sources, interval 30 s (min 10 s), max_per_host 16" % (self.minutes, self.sources), ""),
            ("HTTP answers served", "%d: %s; %d gzip" % (polls, ", ".join(
                "%s %d" % (k, statuses[k]) for k in sorted(statuses)), self.report["gzip"]), ""),
            ("polls logged by feedd", str(daemon_polls), ""),
            ("records in the journal", str(len(records)), "ok" if not unknown else "%d unexpected" % len(unknown)),
            ("items served in a 200 / item versions", "%d / %d" % (len(served), versions_served), ""),
            ("**lost** (served item or version never stored)", str(len(lost)), "ok" if not lost else "FAIL"),
            ("duplicates (same version stored twice)", str(len(duplicates)), "ok" if not duplicates else "FAIL"),
            ("revisions stored (versions 2+)", str(sum(1 for h in stored.values() for _, v, _ in h if v > 1)), ""),
            ("versions never stored, superseded after a SIGKILL or removal", str(len(skipped)), "expected"),
            ("records of versions never served", str(len(phantoms)), "ok" if not phantoms else "FAIL"),
            ("revision numbers 1, 2, … per item", "%d items out of order" % len(bad_revisions),
             "ok" if not bad_revisions else "FAIL"),
            ("SIGHUP reloads (6 sources removed, then re-added)", str(reloads), ""),
            ("SIGKILL restarts; acknowledged records kept", "%d; %s" % (len(kills), acked[0]), "ok" if acked[1] else "FAIL"),
            ("unexpected exits", str(len(self.crashes)), "ok" if not self.crashes else "FAIL"),
            ("requests during a Retry-After (after 1 s grace)", str(self.report["early"]), "info"),
            ("RSS of each daemon process, after warm-up → its end", ", ".join(
                "%s → %s" % (mb(start), mb(end)) for start, end in growth), "ok" if rss_ok else "FAIL"),
            ("RSS first process after warm-up → last process at the end",
             "%s → %s (+%.0f %%; journal %s → %d records, %d restarts)" % (
                 mb(first[0]), mb(end_sample[2]), (end_sample[2] / first[0] - 1) * 100, records_at_first, len(records),
                 len(self.lifetimes) - 1), "info"),
            ("RSS min / max over the run", "%s / %s" % (mb(min(s[2] for s in self.samples if s[2])),
                                                         mb(max(s[2] for s in self.samples if s[2]))), ""),
            ("open descriptors of each daemon process, after warm-up → its end", ", ".join(
                "%s → %s" % pair for pair in fds), "ok" if fd_ok else "FAIL"),
            ("SIGTERM stop", "exit %s in %.1f s" % (self.stop_status, self.stop_seconds), "ok" if stop_ok else "FAIL"),
            ("`feedd read`", "exit %d" % read_status, "ok" if read_status == 0 and not read_err.strip() else "FAIL"),
            ("`feedd verify`", "exit %d: %s" % (verify.returncode, (verify.stdout.strip() or verify.stderr.strip()).splitlines()[-1:] and
                                                (verify.stdout.strip() or verify.stderr.strip()).splitlines()[-1]),
             "ok" if verify_ok else "FAIL"),
        ]
        print("| check | result | verdict |")
        print("| --- | --- | --- |")
        for name, value, verdict in rows:
            print("| %s | %s | %s |" % (name, value.replace("|", "\\|"), verdict))
        details = {"lost": lost[:50], "duplicates": duplicates[:50], "phantoms": phantoms[:50],
                   "bad_revisions": bad_revisions[:20], "unknown": unknown[:20], "crashes": self.crashes,
                   "ack": acked[2], "samples": self.samples, "events": self.events, "verify": verify.stdout + verify.stderr, "read_stderr": read_err[-2000:]}
        with open(os.path.join(self.work, "details.json"), "w") as handle:
            json.dump(details, handle, indent=1, default=str)
        failed = [name for name, _, verdict in rows if verdict == "FAIL"]
        if failed:
            print("\nsoak: FAILED: %s (details in %s/details.json)" % ("; ".join(failed), self.work), file=sys.stderr)
            return 1
        return 0

    def count_lines(self, path, needle):
        with open(path, errors="replace") as handle:
            return sum(1 for line in handle if needle in line)

    def ack_check(self):
        """Every record a killed daemon acknowledged (its poll lines' new + updated, logged only after the sync)
        must be in the store the next daemon opens: records(next) >= records(killed) + acknowledged."""
        opened = re.compile(r" event=store_opened .*records=(\d+)")
        poll = re.compile(r" event=poll .*new=(\d+) dup=\d+ updated=(\d+)")
        notes, ok = [], True
        for i, life in enumerate(self.lifetimes[:-1]):
            if life["end"] == "SIGTERM":
                continue
            start_records, acknowledged = None, 0
            with open(life["log"], errors="replace") as handle:
                for line in handle:
                    m = opened.search(line)
                    if m and start_records is None:
                        start_records = int(m.group(1))
                    m = poll.search(line)
                    if m:
                        acknowledged += int(m.group(1)) + int(m.group(2))
            # The next daemon that opened the store (one that died before opening it is skipped).
            next_records = None
            for later in self.lifetimes[i + 1:]:
                with open(later["log"], errors="replace") as handle:
                    for line in handle:
                        m = opened.search(line)
                        if m:
                            next_records = int(m.group(1))
                            break
                if next_records is not None:
                    break
            good = start_records is not None and next_records is not None and next_records >= start_records + acknowledged
            ok = ok and good
            notes.append({"lifetime": i, "end": life["end"], "records_at_open": start_records,
                          "acknowledged": acknowledged, "records_at_next_open": next_records, "ok": good})
        summary = ", ".join("%s+%s≤%s" % (n["records_at_open"], n["acknowledged"], n["records_at_next_open"])
                            for n in notes if n["end"] == "SIGKILL")
        return summary or "-", ok, notes

    def records_at_warmup(self):
        """stored_total of the first daemon's first summary line (about its warm-up), or '?'."""
        with open(self.lifetimes[0]["log"], errors="replace") as handle:
            for line in handle:
                m = re.search(r" event=summary .*stored_total=(\d+)", line)
                if m:
                    return m.group(1)
        return "?"

    def baseline(self, index):
        """The first sample at least WARMUP seconds after lifetime `index` started: (rss kb, fds)."""
        started = self.lifetimes[index]["started"]
        own = [(t, rss, fds) for t, life, rss, fds in self.samples if life == index]
        for t, rss, fds in own:
            if t - started >= WARMUP:
                return rss, fds
        return (own[-1][1], own[-1][2]) if own else (None, None)  # a lifetime shorter than the warm-up


def mb(kb):
    return "-" if kb is None else "%.1f MB" % (kb / 1024)


def main():
    minutes, feedd, work = float(sys.argv[1]), sys.argv[2], sys.argv[3]
    sources = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
    sys.exit(Soak(minutes, feedd, work, sources).run())


if __name__ == "__main__":
    main()
