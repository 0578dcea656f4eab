"""Prints the comparison table from the key=value outputs of EndToEndBenchmark and bench_pywinrm.py (argv: both files)."""
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


ours, py = load(sys.argv[1]), load(sys.argv[2])
tls = median(ours["tls_ref_mbps"])
rows = [
    ("session set-up to first shell (ms)", "setup_ms", "setup_ms"),
    ("  HTTP legs (ours: CredSSP tokens; pywinrm: all requests incl. Create)", "setup_legs", "setup_requests"),
    ("command 'true', shell reused (ms)", "cmd_reuse_ms", "cmd_reuse_ms"),
    ("command 'true', new shell each (ms)", "cmd_newshell_ms", "cmd_newshell_ms"),
    ("streaming %s MB (MB/s)" % ours["stream_mb"], "stream_mbps", "stream_mbps"),
    ("client CPU per MB streamed (ms/MB)", "stream_cpu_ms_per_mb", "stream_cpu_ms_per_mb"),
]
print()
print("%-72s %10s %10s %14s" % ("median of each figure", "ours", "pywinrm", "ours/pywinrm"))
for label, ok, pk in rows:
    o, p = median(ours[ok]), median(py[pk])
    print("%-72s %10.2f %10.2f %14.2f" % (label, o, p, o / p if p else float("nan")))
print("%-72s %10s %10s" % ("client peak memory (ours: heap of -Xmx128m JVM; pywinrm: RSS) (MB)",
                           ours["peak_heap_mb"], py["peak_rss_mb"]))
print("%-72s %10.2f" % ("reference: JDK SSLEngine TLS 1.3 AES-256-GCM wrap+unwrap (MB/s)", tls))
print("%-72s %10.3f %10.3f" % ("streaming throughput / TLS reference", median(ours["stream_mbps"]) / tls,
                               median(py["stream_mbps"]) / tls))
print()
print("spread (median [p10 p90; min max; n]):")
for name, figures in (("ours", ours), ("pywinrm", py)):
    for key, value in figures.items():
        print("  %-8s %-22s %s" % (name, key, value))
