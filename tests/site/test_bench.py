"""`make bench` (bench/run_bench.py) measures the peer's pages beside ours and reports the
ratio. wrk is replaced here: what is checked is what gets measured, in which order, and what
the table says of it, not any speed."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "run_bench.py"


@pytest.fixture
def bench(monkeypatch):
    spec = importlib.util.spec_from_file_location("run_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    measured = []

    def run_wrk(url, duration=None):
        measured.append(url)
        rps = 40.0 if url.startswith(module.BASE) else 20.0
        return {"rps": rps, "p50": 1.0, "p99": 2.0, "non_2xx": 0, "socket_errors": 0}

    monkeypatch.setattr(module, "run_wrk", run_wrk)
    monkeypatch.setattr(module, "warm", lambda url: None)
    monkeypatch.setattr(module, "gunicorn_processes", lambda server: set())
    monkeypatch.setattr(module, "log", lambda message: None)
    module.measured = measured
    return module


def test_each_peer_page_is_measured_right_after_ours(bench):
    targets = [("home", "/"), ("people", "/people/"), ("story", "/news/a/")]
    alongside = {"home": "http://127.0.0.1:8822/", "story": "http://127.0.0.1:8822/blog/b/"}

    ours, theirs = bench.measure(targets, "uncached", server=None, alongside=alongside)

    assert bench.measured == [
        f"{bench.BASE}/",
        "http://127.0.0.1:8822/",
        f"{bench.BASE}/people/",  # the peer has no people directory
        f"{bench.BASE}/news/a/",
        "http://127.0.0.1:8822/blog/b/",
    ]
    assert set(ours) == {"home", "people", "story"} and set(theirs) == {"home", "story"}


def test_the_table_gives_the_uncached_page_against_the_peer_s(bench):
    targets = [
        ("home", "/"),
        ("news", "/news/"),
        ("news page 50", "/news/?page=50"),
        ("people", "/people/"),
        ("static CSS", "/static/site.css"),
    ]
    alongside = {"home": "http://127.0.0.1:8822/"}
    runs = {
        label: bench.measure(targets, label, server=None)[0]
        for label in ("embedded", "Redis", "uncached")
    }
    _, peer = bench.measure(targets, "uncached", server=None, alongside=alongside)

    report = bench.table(targets, runs, "/static/site.css", peer)

    home = next(line for line in report.splitlines() if line.startswith("| home"))
    assert home.split("|")[-5].strip() == "2.00×"  # 40 req/s against the peer's 20
    people = next(line for line in report.splitlines() if line.startswith("| people"))
    assert "×" not in people
    assert "measured right after our uncached one" in report


def test_each_cached_page_is_set_against_the_static_file_measured_right_after_it(bench):
    targets = [("home", "/"), ("news", "/news/"), ("static CSS", "/static/site.css")]
    static = {"home": f"{bench.BASE}/static/site.css", "news": f"{bench.BASE}/static/site.css"}
    rates = iter([1800.0, 2000.0, 2400.0, 3000.0, 2500.0])  # home, CSS, news, CSS, CSS row
    bench.run_wrk = lambda url, duration=None: (
        bench.measured.append(url)
        or {
            "rps": next(rates),
            "p50": 1.0,
            "p99": 2.0,
            "non_2xx": 0,
            "socket_errors": 0,
        }
    )

    ours, beside = bench.measure(
        targets, "embedded", server=None, alongside=static, alongside_label="static CSS"
    )
    report = bench.table(
        targets, {"embedded": ours}, "/static/site.css", None, {"embedded": beside}
    )

    assert bench.measured == [
        f"{bench.BASE}/",
        f"{bench.BASE}/static/site.css",
        f"{bench.BASE}/news/",
        f"{bench.BASE}/static/site.css",
        f"{bench.BASE}/static/site.css",
    ]
    # home 1,800 against the 2,000 measured after it; news 2,400 against 3,000; not 2,500
    assert "cached pages at 80%–90% of the static CSS file measured right after each" in report
    assert "(home 1800 req/s = 90% of 2000 req/s)" in report


def test_the_page_cache_miss_is_set_against_the_peer_measured_beside_it(bench):
    targets = [("home", "/"), ("people", "/people/"), ("static CSS", "/static/site.css")]
    alongside = {"home": "http://127.0.0.1:8822/"}
    missed, peer_beside_miss = bench.measure(targets, bench.MISS, None, alongside=alongside)
    uncached, peer = bench.measure(targets, "uncached", None, alongside=alongside)
    missed["home"] = {**missed["home"], "rps": 90.0}  # 90 req/s against the peer's 20
    runs = {bench.MISS: missed, "uncached": uncached}

    report = bench.table(targets, runs, "/static/site.css", peer, None, peer_beside_miss)

    home = next(line for line in report.splitlines() if line.startswith("| home"))
    assert [cell.strip() for cell in home.split("|")[-6:-4]] == ["2.00×", "4.50×"]
    people = next(line for line in report.splitlines() if line.startswith("| people"))
    assert "×" not in people
    assert "cached pages at" not in report  # neither configuration is a cached one
    assert "right after our page-cache miss and again after our uncached one" in report
