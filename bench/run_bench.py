"""`make bench`: a large site on PostgreSQL, served as in production, measured with wrk.

1. Builds (or reuses) the PostgreSQL database BENCH_DATABASE_URL with the demo content plus
   10,000 stories and 500 people.
2. Serves it with `make serve` (gunicorn, production settings) on loopback, with Redis as the
   cache.
3. Runs wrk against each URL twice: with the anonymous page cache (as deployed) and without
   it (every request renders the page and queries the database).
4. Prints one table and writes it to bench/results/latest.md.

Only loopback addresses are ever contacted. Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL,
BENCH_PORT, BENCH_DURATION (seconds per URL), BENCH_CONNECTIONS, BENCH_TIMEOUT (seconds),
BENCH_NEWS, BENCH_PEOPLE, BENCH_WORKERS.
"""

import datetime
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


def log(message):
    print(message, flush=True)


def production_env(**extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="dlhs.settings.production",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
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


def run_wrk(url):
    output = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(CONNECTIONS),
            "-d",
            f"{DURATION}s",
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


def measure(targets, label, server):
    results = {}
    for name, path in targets:
        url = BASE + path
        warm(url)
        log(f"  {label}: {name} ({path})")
        before = gunicorn_processes(server)
        results[name] = run_wrk(url)
        # A worker replaced during the run (recycled or crashed) shows up as a new process.
        results[name]["restarts"] = len(gunicorn_processes(server) - before)
    return results


def table(targets, cached, uncached, css_path):
    lines = [
        f"Benchmark of {datetime.date.today().isoformat()}: {NEWS} stories, {PEOPLE} people, "
        f"PostgreSQL, gunicorn with {WORKERS} workers and production settings, Redis cache; "
        f"wrk -t2 -c{CONNECTIONS} -d{DURATION}s on loopback, {os.cpu_count()} cores.",
        "",
        "| page | cached req/s | cached p50 ms | cached p99 ms | uncached req/s "
        "| uncached p50 ms | uncached p99 ms | non-2xx | socket errors | worker restarts |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, path in targets:
        hot, cold = cached[name], uncached[name]
        lines.append(
            f"| {name} (`{path if path != css_path else '/static/css/site.<hash>.css'}`) "
            f"| {hot['rps']:.0f} | {hot['p50']:.1f} | {hot['p99']:.1f} "
            f"| {cold['rps']:.0f} | {cold['p50']:.1f} | {cold['p99']:.1f} "
            f"| {hot['non_2xx'] + cold['non_2xx']} "
            f"| {hot['socket_errors'] + cold['socket_errors']} "
            f"| {hot['restarts'] + cold['restarts']} |"
        )
    home, css = cached["home"]["rps"], cached["static CSS"]["rps"]
    first, fiftieth = uncached["news"]["rps"], uncached["news page 50"]["rps"]
    lines += [
        "",
        f"- Cached home page: {home:.0f} req/s = {home / css:.0%} of the static CSS file "
        f"({css:.0f} req/s); the goal is at least 50%.",
        f"- Uncached `/news/?page=50`: {fiftieth:.0f} req/s against {first:.0f} req/s for "
        f"page 1, {first / fiftieth:.2f}× slower; the goal is within 2×.",
        "- Socket errors are wrk's: read errors when a gunicorn worker goes away under a "
        f"keep-alive connection, timeouts after {TIMEOUT} s. Non-2xx answers would be the "
        "site's. Worker restarts are gunicorn processes started during the measurements; "
        "`make serve` no longer recycles workers (`--max-requests`), so it should be 0.",
    ]
    return "\n".join(lines) + "\n"


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
        ("search", "/search/?q=learning"),
    ]
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # no cached page from an earlier run

    log("Serving with the page cache (as deployed)")
    server = start_server(production_env(PAGE_CACHE_SECONDS="300"))
    try:
        css_path = served_css_path()
        targets = [*pages, ("static CSS", css_path)]
        cached = measure(targets, "cached", server)
    finally:
        stop_server(server)

    log("Serving without the page cache")
    server = start_server(production_env(PAGE_CACHE_SECONDS="0"))
    try:
        uncached = measure(targets, "uncached", server)
    finally:
        stop_server(server)

    report = table(targets, cached, uncached, css_path)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report)
    print()
    print(report)
    print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
