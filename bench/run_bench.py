"""`make bench`: a large site on PostgreSQL, served as in production, measured with wrk.

1. Builds (or reuses) the PostgreSQL database BENCH_DATABASE_URL with the demo content plus
   10,000 stories and 500 people, then VACUUM ANALYZE (the statistics a site in service has).
2. Serves it with `make serve` (gunicorn, production settings) on loopback, four times:
   the embedded default (no Redis: the page cache in the machine's cache folder), with Redis
   as the cache, a page-cache miss (PAGE_CACHE_WHOLE_PAGES=false: no whole page is stored,
   the fragments are shared, as for the visitors after a publish once the first page has
   built them), and with every cache off (PAGE_CACHE_SECONDS=0: the real render cost).
3. Once the server has settled (its task worker up, three seconds of load on the first page
   unmeasured), runs wrk against each URL in each configuration and, with BENCH_PEER (make bench
   PEER=http://127.0.0.1:8822), against the peer site's comparable pages, whose paths a page
   map gives (BENCH_PEER_PAGES, default bench/peer-bakerydemo.json: {"home": "/", ...}; a
   page type the peer lacks is left out or null). Each of the peer's pages is measured right
   after our page-cache miss and our uncached page of the same type, so that each pair
   shares the machine's state.
4. Prints one table and writes it to bench/results/latest.md.

Only loopback addresses are ever contacted. Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL,
BENCH_PORT, BENCH_DURATION (seconds per URL), BENCH_CONNECTIONS, BENCH_TIMEOUT (seconds),
BENCH_NEWS, BENCH_PEOPLE, BENCH_WORKERS, BENCH_PEER, BENCH_PEER_PAGES.
"""

import datetime
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
RESULTS = ROOT / "bench" / "results" / "latest.md"
CACHE_DIRECTORY = ROOT / "var" / "bench-cache"

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://root@127.0.0.1:5432/dlhs_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "10"))
NEWS = int(os.environ.get("BENCH_NEWS", "10000"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "500"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
BASE = f"http://127.0.0.1:{PORT}"
PEER = os.environ.get("BENCH_PEER", "").rstrip("/")
PEER_PAGES = Path(os.environ.get("BENCH_PEER_PAGES") or ROOT / "bench" / "peer-bakerydemo.json")


def log(message):
    print(message, flush=True)


def production_env(redis=True, **extra):
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    if redis:
        env["REDIS_URL"] = REDIS_URL
    else:  # the embedded default: a cache folder of its own, emptied first
        env["CACHE_DIRECTORY"] = str(CACHE_DIRECTORY)
    env.update(
        DJANGO_SETTINGS_MODULE="dlhs.settings.production",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        DATABASE_URL=DATABASE_URL,
        SECURE_SSL_REDIRECT="false",
        SERVE_MEDIA="true",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=BASE,
        # One client address measures capacity here: the per-visitor search throttle and
        # page-cache store budget would otherwise turn most of its requests into 429s.
        SEARCH_RATE_LIMIT="1000000000",
        PAGE_CACHE_STORES_PER_VISITOR="0",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(*args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure_database():
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    server = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            log(f"Creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def build_site(env):
    ensure_database()
    log(f"Migrating and loading the demo site with {NEWS} stories and {PEOPLE} people")
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("load_demo_content", "--news", str(NEWS), "--people", str(PEOPLE), env=env)
    # A freshly loaded database has no planner statistics until autovacuum comes round; a
    # site in service has them. Without them PostgreSQL plans for one row and walks 10,000.
    import psycopg

    with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def served_css_path():
    """The stylesheet's hashed address, as the home page served by ``make serve`` links it."""
    with urllib.request.urlopen(f"{BASE}/", timeout=60) as response:  # noqa: S310
        html = response.read().decode()
    return re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', html).group(1)


def start_server(env):
    """``make serve``: migrate, collect static files, gunicorn with production settings."""
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={PORT}"],
        cwd=ROOT,
        env={**env, "WEB_CONCURRENCY": str(WORKERS)},
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{BASE}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    stop_server(process)
    raise SystemExit("make serve did not answer /healthz within 180 seconds")


def stop_server(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def warm(url):
    for _ in range(3):
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310
            response.read()


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    factor = {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
    return float(value) * factor


def run_wrk(url, duration=DURATION):
    output = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(CONNECTIONS),
            "-d",
            f"{duration}s",
            "--timeout",
            f"{TIMEOUT}s",
            "--latency",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    requests_per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"\s50%\s+([\d.]+\w+)", output).group(1))
    p99 = to_ms(re.search(r"\s99%\s+([\d.]+\w+)", output).group(1))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    socket_errors = sum(int(number) for number in socket.groups()) if socket else 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": requests_per_second,
        "p50": p50,
        "p99": p99,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors,
    }


def gunicorn_processes(server):
    """Process ids of the gunicorn master and workers started by ``make serve``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) == server.pid and b"gunicorn" in (
                (entry / "cmdline").read_bytes()
            ):
                found.add(int(entry.name))
        except OSError:  # gone meanwhile
            continue
    return found


def measure_page(url, label, name, server):
    warm(url)
    log(f"  {label}: {name} ({url})")
    before = gunicorn_processes(server) if server else set()
    result = run_wrk(url)
    # A worker replaced during the run (recycled or crashed) shows up as a new process.
    result["restarts"] = len(gunicorn_processes(server) - before) if server else 0
    return result


def measure(targets, label, server, alongside=None, alongside_label="peer"):
    """wrk on each of ``targets`` (name, path) of ours; with ``alongside`` (name → another
    address: the peer's page of that type, or our static file), that address right after
    each of ours.

    Measured so, each pair shares the same minute of the machine, whose speed drifts by tens
    of percent over a run (the static file: 2,135 req/s in the first configuration, 3,200 in
    the last, once): a peer measured after all of ours was measured on another machine.
    Returns ours and the results of the addresses alongside, by name.
    """
    ours, theirs = {}, {}
    for name, path in targets:
        ours[name] = measure_page(BASE + path, label, name, server)
        if alongside and alongside.get(name):
            theirs[name] = measure_page(alongside[name], alongside_label, name, None)
    return ours, theirs


def peer_addresses(pages):
    """The peer's address of each of our page types the page map names."""
    mapping = json.loads(PEER_PAGES.read_text())
    return {name: PEER + mapping[name] for name, _ in pages if mapping.get(name)}


def static_shares(run, static_beside):
    """Each cached page's rate as a share of the static file's, measured right after it."""
    return {name: run[name]["rps"] / static["rps"] for name, static in static_beside.items()}


MISS = "page-cache miss"
NOT_CACHED = ("uncached", MISS)


def peer_columns(name, runs, peer, peer_beside_miss):
    """The peer's req/s and p50 beside our uncached page, and our pages ÷ the peer's."""
    theirs = peer.get(name)
    if not theirs:
        return " | | |" + (" |" if peer_beside_miss else ""), None
    uncached = runs.get("uncached", {}).get(name)
    ratio = f"{uncached['rps'] / theirs['rps']:.2f}×" if uncached else ""
    cells = f" {theirs['rps']:.0f} | {theirs['p50']:.1f} | {ratio} |"
    if peer_beside_miss:
        missed, beside = runs.get(MISS, {}).get(name), peer_beside_miss.get(name)
        cells += f" {missed['rps'] / beside['rps']:.2f}× |" if missed and beside else " |"
    return cells, theirs


def table(targets, runs, css_path, peer=None, static_beside=None, peer_beside_miss=None):
    """One row per page: req/s, p50 and p99 per configuration, and the peer's if measured.

    ``static_beside`` (configuration → page → the static file's result measured right after
    that page) gives each cached page's share of the static file's rate. ``peer`` is the
    peer measured beside our uncached pages, ``peer_beside_miss`` beside our page-cache
    misses: each ratio is of a pair measured together."""
    columns = [label for label in runs if runs[label]]
    header = "| page |" + "".join(f" {label} req/s | p50 ms | p99 ms |" for label in columns)
    lines = [
        f"Benchmark of {datetime.date.today().isoformat()}: {NEWS} stories, {PEOPLE} people, "
        f"PostgreSQL, gunicorn with {WORKERS} workers and production settings; "
        f"wrk -t2 -c{CONNECTIONS} -d{DURATION}s on loopback, {os.cpu_count()} cores. "
        "Embedded: no Redis, the page cache in the machine's cache folder. Redis: the page "
        "cache in Redis. Page-cache miss: PAGE_CACHE_WHOLE_PAGES=false, no whole page "
        "stored, the fragments shared (embedded). Uncached: PAGE_CACHE_SECONDS=0, no page or "
        "fragment cache."
        + (
            f" Peer: {PEER} ({PEER_PAGES.name}), each page measured right after "
            + ("our page-cache miss and again after " if peer_beside_miss else "")
            + "our uncached one."
            if peer
            else ""
        ),
        "",
        header
        + (" peer req/s | peer p50 ms | uncached ÷ peer |" if peer else "")
        + (" miss ÷ peer |" if peer and peer_beside_miss else "")
        + " non-2xx | socket errors | worker restarts |",
        "| --- |"
        + " ---: | ---: | ---: |" * len(columns)
        + (" ---: | ---: | ---: |" if peer else "")
        + (" ---: |" if peer and peer_beside_miss else "")
        + " ---: | ---: | ---: |",
    ]
    for name, path in targets:
        shown = path if path != css_path else "/static/css/site.<hash>.css"
        row = f"| {name} (`{shown}`) |"
        found = [runs[label][name] for label in columns]
        for result in found:
            row += f" {result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} |"
        if peer:
            cells, theirs = peer_columns(name, runs, peer, peer_beside_miss)
            row += cells
            found.append(theirs or {"non_2xx": 0, "socket_errors": 0, "restarts": 0})
        row += (
            f" {sum(r['non_2xx'] for r in found)} | {sum(r['socket_errors'] for r in found)} "
            f"| {sum(r['restarts'] for r in found)} |"
        )
        lines.append(row)
    lines.append("")
    css = {label: runs[label]["static CSS"]["rps"] for label in columns}
    for label in columns:
        if label in NOT_CACHED:
            continue
        home = runs[label]["home"]["rps"]
        beside = (static_beside or {}).get(label)
        if beside:
            shares = static_shares(runs[label], beside)
            lines.append(
                f"- {label}: cached pages at {min(shares.values()):.0%}–"
                f"{max(shares.values()):.0%} of the static CSS file measured right after "
                f"each (home {home:.0f} req/s = {shares['home']:.0%} of "
                f"{beside['home']['rps']:.0f} req/s); the goal is at least 90%."
            )
        else:
            lines.append(
                f"- {label}: cached home {home:.0f} req/s = {home / css[label]:.0%} of the "
                f"static CSS file ({css[label]:.0f} req/s); the goal is at least 90%."
            )
    if {"news", "news page 50"} <= set(runs.get("uncached", {})):
        first, fiftieth = runs["uncached"]["news"]["rps"], runs["uncached"]["news page 50"]["rps"]
        lines.append(
            f"- Uncached `/news/?page=50`: {fiftieth:.0f} req/s against {first:.0f} req/s for "
            f"page 1, {first / fiftieth:.2f}× slower; the goal is within 2×."
        )
    if peer:
        lines.append("- uncached ÷ peer: the goal is at least 2× on every page the peer has.")
    if peer and peer_beside_miss:
        lines.append("- miss ÷ peer: our page-cache miss against the peer measured right after it.")
    lines.append(
        "- Socket errors are wrk's: read errors when a gunicorn worker goes away under a "
        f"keep-alive connection, timeouts after {TIMEOUT} s. Non-2xx answers would be the "
        "site's. Worker restarts are gunicorn processes started during the measurements."
    )
    return "\n".join(lines) + "\n"


def settle(targets):
    """Let a freshly started ``make serve`` settle before the first measurement.

    Its task worker and scheduler start beside gunicorn and take the CPU for seconds, and each
    gunicorn worker loads its code on its first requests: measured at once, the first page
    paid for both. Wait for the worker to be heard of, then load the first page for a moment.
    """
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{BASE}/healthz/worker", timeout=5):  # noqa: S310
                break
        except OSError:  # 503 until the worker's first heartbeat, or not answering yet
            time.sleep(0.5)
    run_wrk(BASE + targets[0][1], duration=3)


def measure_configuration(label, env, targets, alongside=None, alongside_label="peer"):
    log(f"Serving: {label}")
    server = start_server(env)
    try:
        settle(targets)
        return measure(targets, label, server, alongside, alongside_label)
    finally:
        stop_server(server)


def main():
    for tool in ("wrk",):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: apt-get install {tool}")
    env = production_env()
    build_site(env)
    pages = [
        ("home", "/"),
        ("about", "/about/"),
        ("news", "/news/"),
        ("news page 50", "/news/?page=50"),
        ("news tag page 50", "/news/?tag=education&page=50"),
        ("story", "/news/sample-story-05000/"),
        ("people", "/people/"),
        ("profile", "/people/helen-k-morgan/"),
        ("lectureship", "/about/hiss-lectureship/"),
        ("events", "/events/"),
        ("search", "/search/?q=learning"),
    ]
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # no cached page from an earlier run
    shutil.rmtree(CACHE_DIRECTORY, ignore_errors=True)

    server = start_server(production_env(redis=False, PAGE_CACHE_SECONDS="300"))
    try:
        css_path = served_css_path()
    finally:
        stop_server(server)
    targets = [*pages, ("static CSS", css_path)]
    # The static file, the cached pages' yardstick, right after each of them: the machine's
    # speed drifts too much for one measurement of it to serve the whole configuration.
    # Search has a cache of its own, not the page cache.
    static = {name: BASE + css_path for name, _ in pages if name != "search"}
    embedded, embedded_static = measure_configuration(
        "embedded",
        production_env(redis=False, PAGE_CACHE_SECONDS="300"),
        targets,
        alongside=static,
        alongside_label="static CSS",
    )
    redis_run, redis_static = measure_configuration(
        "Redis",
        production_env(PAGE_CACHE_SECONDS="300"),
        targets,
        alongside=static,
        alongside_label="static CSS",
    )
    # The peer has no page cache: each of its pages is measured beside our page-cache miss
    # and beside our uncached page.
    missed, peer_beside_miss = measure_configuration(
        MISS,
        production_env(redis=False, PAGE_CACHE_SECONDS="300", PAGE_CACHE_WHOLE_PAGES="false"),
        targets,
        alongside=peer_addresses(pages) if PEER else None,
    )
    uncached, peer = measure_configuration(
        "uncached",
        production_env(redis=False, PAGE_CACHE_SECONDS="0"),
        targets,
        alongside=peer_addresses(pages) if PEER else None,
    )
    runs = {"embedded": embedded, "Redis": redis_run, MISS: missed, "uncached": uncached}
    static_beside = {"embedded": embedded_static, "Redis": redis_static}

    report = table(targets, runs, css_path, peer, static_beside, peer_beside_miss)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report)
    print()
    print(report)
    print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
