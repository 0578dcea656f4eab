"""Prints the benchmark table: the key=value outputs of the Java runners and bench_pywinrm.py side by side, then the
JMH results. argv: ours.txt pywinrm.txt [jmh.json]."""
import json
import math
import sys


def load(path):
    figures = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.strip().partition("=")
            if value:
                figures[key] = value
    return figures


def median(value):
    return float(value.split()[0])


def comparison(ours, py):
    tls = median(ours["tls_ref_mbps"])
    sessions = ours.get("conc_sessions", "?")
    rows = [
        ("session set-up to first shell, first of the process (ms)", "setup_first_ms", "setup_first_ms"),
        ("session set-up to first shell (ms)", "setup_ms", "setup_ms"),
        ("  HTTP legs (ours: CredSSP tokens; pywinrm: all requests incl. Create)", "setup_legs", "setup_requests"),
        ("command 'true', shell reused, first commands of the process (ms)", "cmd_reuse_first_ms",
         "cmd_reuse_first_ms"),
        ("command 'true', shell reused (ms)", "cmd_reuse_ms", "cmd_reuse_ms"),
        ("command 'true', new shell each (ms)", "cmd_newshell_ms", "cmd_newshell_ms"),
        ("streaming %s MB of 10^6 bytes (MB/s)" % ours["stream_mb"], "stream_mbps", "stream_mbps"),
        ("client CPU per MB streamed (ms/MB)", "stream_cpu_ms_per_mb", "stream_cpu_ms_per_mb"),
        ("%s sessions at once, all done (wall ms)" % sessions, "conc_wall_ms", "conc_wall_ms"),
        ("  one session among them, connect to close (ms)", "conc_session_ms", "conc_session_ms"),
        ("  sessions per second", "conc_sessions_per_s", "conc_sessions_per_s"),
        ("  client CPU per session (ms)", "conc_cpu_ms_per_session", "conc_cpu_ms_per_session"),
        ("  peak live threads (incl. the %s driver/pool threads)" % sessions, "conc_peak_threads",
         "conc_peak_threads"),
        ("  threads the client started beyond those", "conc_client_threads", "conc_client_threads"),
        ("  peak RSS of the process (MB)", "conc_peak_rss_mb", "conc_peak_rss_mb"),
    ]
    print()
    print("%-72s %10s %10s %14s" % ("median of each figure", "ours", "pywinrm", "ours/pywinrm"))
    for label, ok, pk in rows:
        if ok not in ours or pk not in py:
            continue
        o, p = median(ours[ok]), median(py[pk])
        print("%-72s %10.2f %10.2f %14s" % (label, o, p, "%.2f" % (o / p) if p else "-"))
    print("%-72s %10s %10s" % ("client peak memory, streaming (ours: heap, -Xmx128m; pywinrm: RSS) (MB)",
                               ours["peak_heap_mb"], py["peak_rss_mb"]))
    if "conc_peak_heap_mb" in ours:
        print("%-72s %10s" % ("  peak heap with %s sessions at once (ours, -Xmx128m) (MB)" % sessions,
                              ours["conc_peak_heap_mb"]))
    print("%-72s %10.2f" % ("reference: JDK SSLEngine TLS 1.3 AES-256-GCM wrap+unwrap (MB/s)", tls))
    print("%-72s %10.3f %10.3f" % ("streaming throughput / TLS reference", median(ours["stream_mbps"]) / tls,
                                   median(py["stream_mbps"]) / tls))
    print()
    print("spread (median [p10 p90; min max; n]):")
    for name, figures in (("ours", ours), ("pywinrm", py)):
        for key, value in figures.items():
            print("  %-8s %-22s %s" % (name, key, value))


def jmh(path):
    with open(path) as f:
        results = json.load(f)
    if not results:
        return
    first = results[0]
    print()
    print("JMH hot paths (%s, %d fork, %d x %s warm-up, %d x %s measured; error = 99.9%% confidence half-width)" % (
        first["jdkVersion"], first["forks"], first["warmupIterations"], first["warmupTime"],
        first["measurementIterations"], first["measurementTime"]))
    print("%-58s %9s %14s %12s %10s" % ("benchmark", "payload", "ops/s", "± error", "MB/s"))
    for r in results:
        metric = r["primaryMetric"]
        name = r["benchmark"].rsplit(".", 2)
        # the benchmarks with a payload take its length in bytes as the parameter "size"
        size = int(r.get("params", {}).get("size", 0))
        score, error = metric["score"], metric["scoreError"]
        error = float(error) if error != "NaN" else math.nan
        print("%-58s %9s %14.1f %12s %10s" % (
            name[-2] + "." + name[-1], "%d B" % size if size else "-", score,
            "-" if math.isnan(error) else "%.1f" % error, "%.1f" % (score * size / 1e6) if size else "-"))


ours, py = load(sys.argv[1]), load(sys.argv[2])
comparison(ours, py)
if len(sys.argv) > 3:
    jmh(sys.argv[3])
