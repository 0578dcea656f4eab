"""The workloads of EndToEndBenchmark and ConcurrentSessionsBenchmark run by pywinrm (NTLM with message encryption
over HTTP), for comparison.

argv: endpoint user runs commands stream_mb stream_runs setup_warmup command_warmup (the sequential workloads), or
--concurrent endpoint user sessions runs (that many whole sessions at once on a thread pool, run in a process of its
own so its peak RSS is this workload's); the password comes from $WINRM_PASSWORD. Prints one key=value line per
figure in the format of the Java runners (median [p10 p90; min max; n]).
"""
import concurrent.futures
import os
import resource
import sys
import threading
import time

# Debian 12's OpenSSL 3 lacks MD4 in its default provider; loading this binding first makes ntlm-auth work.
import cryptography.hazmat.bindings.openssl.binding  # noqa: F401
import requests
import requests.adapters
import winrm

concurrent_mode = sys.argv[1] == "--concurrent"
if concurrent_mode:
    del sys.argv[1]
endpoint, user = sys.argv[1:3]
password = os.environ["WINRM_PASSWORD"]

requests_sent = [0]
_send = requests.adapters.HTTPAdapter.send


def counting_send(self, request, **kwargs):
    requests_sent[0] += 1
    return _send(self, request, **kwargs)


# at the adapter: requests-ntlm resends the authentication legs through the connection, not the Session
requests.adapters.HTTPAdapter.send = counting_send

threads_started = [0]
_start = threading.Thread.start


def counting_start(self):
    threads_started[0] += 1
    return _start(self)


threading.Thread.start = counting_start


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


def session():
    """One whole session: NTLM, shell, 'true', close."""
    p = protocol()
    shell = p.open_shell()
    run(p, shell, "true")
    p.close_shell(shell)


def concurrently(sessions, runs):
    walls, times, cpus, peak_threads, pool_extra = [], [], [], [0], 0
    done = threading.Event()

    def watch():
        while not done.is_set():
            peak_threads[0] = max(peak_threads[0], threading.active_count())
            time.sleep(0.005)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    for measured in [False] + [True] * runs:  # one untimed round first, as the Java runner does
        before = threads_started[0]
        ready = threading.Barrier(sessions + 1)

        def timed():
            ready.wait()
            start = time.perf_counter()
            session()
            return (time.perf_counter() - start) * 1000

        with concurrent.futures.ThreadPoolExecutor(max_workers=sessions) as pool:
            futures = [pool.submit(timed) for _ in range(sessions)]
            ready.wait()
            cpu = time.process_time()
            start = time.perf_counter()
            round_times = [f.result() for f in futures]
            wall = (time.perf_counter() - start) * 1000
            cpu = (time.process_time() - cpu) * 1000 / sessions
        if measured:
            times += round_times
            walls.append(wall)
            cpus.append(cpu)
            pool_extra = max(pool_extra, threads_started[0] - before - sessions)
    done.set()
    watcher.join()
    report("conc_wall_ms", walls)
    report("conc_session_ms", times)
    print("conc_sessions=%d" % sessions)
    print("conc_sessions_per_s=%.2f" % (sessions / (percentile(walls, 50) / 1000)))
    report("conc_cpu_ms_per_session", cpus)
    # the watcher thread is ours, as the Java side's driver threads are
    print("conc_peak_threads=%d" % peak_threads[0])
    print("conc_client_threads=%d" % pool_extra)
    print("conc_peak_rss_mb=%.1f" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000))


def sequential(runs, commands, stream_mb, stream_runs, setup_warmup, command_warmup):
    print("setup_first_ms=%.2f" % set_up()[0])
    for _ in range(setup_warmup):
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

    report("cmd_reuse_first_ms", reuse(commands))
    reuse(command_warmup)
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


if concurrent_mode:
    concurrently(*(int(a) for a in sys.argv[3:5]))
else:
    sequential(*(int(a) for a in sys.argv[3:9]))
