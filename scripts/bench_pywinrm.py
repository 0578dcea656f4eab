"""The workloads of EndToEndBenchmark run by pywinrm (NTLM with message encryption over HTTP), for comparison.

argv: endpoint user runs commands stream_mb stream_runs; the password comes from $WINRM_PASSWORD. Prints one
key=value line per figure in the format of EndToEndBenchmark (median [p10 p90; min max; n]).
"""
import os
import resource
import sys
import time

# Debian 12's OpenSSL 3 lacks MD4 in its default provider; loading this binding first makes ntlm-auth work.
import cryptography.hazmat.bindings.openssl.binding  # noqa: F401
import requests
import requests.adapters
import winrm

endpoint, user = sys.argv[1:3]
runs, commands, stream_mb, stream_runs = (int(a) for a in sys.argv[3:7])
password = os.environ["WINRM_PASSWORD"]

requests_sent = [0]
_send = requests.adapters.HTTPAdapter.send


def counting_send(self, request, **kwargs):
    requests_sent[0] += 1
    return _send(self, request, **kwargs)


# at the adapter: requests-ntlm resends the authentication legs through the connection, not the Session
requests.adapters.HTTPAdapter.send = counting_send


def percentile(values, p):
    s = sorted(values)
    rank = p / 100 * (len(s) - 1)
    lo, hi = int(rank), min(int(rank) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (rank - lo)


def report(key, values):
    print("%s=%.2f [p10 %.2f p90 %.2f; min %.2f max %.2f; n=%d]" % (
        key, percentile(values, 50), percentile(values, 10), percentile(values, 90), min(values), max(values),
        len(values)))


def protocol():
    return winrm.Protocol(endpoint, transport="ntlm", username=user, password=password,
                          message_encryption="always", operation_timeout_sec=5, read_timeout_sec=15)


def run(p, shell, command):
    command_id = p.run_command(shell, command)
    done = False
    received = 0
    while not done:
        stdout, _, code, done = p._raw_get_command_output(shell, command_id)
        received += len(stdout)
    p.cleanup_command(shell, command_id)
    if code != 0:
        raise SystemExit("the benchmark command exited with %d" % code)
    return received


def set_up():
    before = requests_sent[0]
    start = time.perf_counter()
    p = protocol()
    shell = p.open_shell()
    ms = (time.perf_counter() - start) * 1000
    if p.transport.encryption is None:
        raise SystemExit("pywinrm did not use message encryption")
    sent = requests_sent[0] - before
    p.close_shell(shell)
    return ms, sent


set_up()
setups = [set_up() for _ in range(runs)]
report("setup_ms", [s[0] for s in setups])
report("setup_requests", [s[1] for s in setups])

p = protocol()
shell = p.open_shell()


def reuse(n):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        run(p, shell, "true")
        times.append((time.perf_counter() - start) * 1000)
    return times


def fresh(n):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        s = p.open_shell()
        run(p, s, "true")
        p.close_shell(s)
        times.append((time.perf_counter() - start) * 1000)
    return times


reuse(commands)
report("cmd_reuse_ms", reuse(commands))
fresh(max(1, commands // 4))
report("cmd_newshell_ms", fresh(commands))

size = stream_mb * 1000000
rates, cpus = [], []
for _ in range(stream_runs):
    cpu = time.process_time()
    start = time.perf_counter()
    received = run(p, shell, "head -c %d /dev/zero | tr '\\0' x" % size)
    seconds = time.perf_counter() - start
    if received != size:
        raise SystemExit("streamed %d bytes, expected %d" % (received, size))
    rates.append(stream_mb / seconds)
    cpus.append((time.process_time() - cpu) * 1000 / stream_mb)
report("stream_mbps", rates)
report("stream_cpu_ms_per_mb", cpus)
print("stream_mb=%d" % stream_mb)
print("peak_rss_mb=%.1f" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000))
p.close_shell(shell)
