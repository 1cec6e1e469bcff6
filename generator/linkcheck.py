"""Dead evidence links: the scheduled check of every evidence link of the catalogue, and the
report the next build reads ("tautan bukti tidak dapat dibuka sejak …" on the entry page and in
the quality report).

The check (`check_links`, run by `katalog check-links` from a scheduled workflow, never on a
pull request) asks each link with HEAD, then GET when HEAD gives no clear answer (servers that
refuse HEAD, or mishandle it), following redirects within a limit. It is bounded and polite:

* time: each request has a timeout, each link (its redirects and both methods) a deadline that
  is enforced by closing its socket, and the run a budget; links not reached in a run keep what
  the previous report said of them, and a run starts with the links checked longest ago;
* hosts: one request at a time per host, with a delay between two requests to the same host,
  and at most `per_host` links of one host per run; several hosts are checked side by side;
* addresses: a link (or a redirect) to a loopback, private, link-local or otherwise internal
  address is not fetched (a runner must not be turned against its own network), and the
  address checked is the one connected to (no second lookup a DNS answer could change).

The report is JSON: per link when it was last checked and whether it opened; for a link that
did not, since when (the first check of the failures in a row), how many checks in a row and
why. A report is data from outside the repository's review: `read_report` bounds its size and
keeps only well-formed items, and a build shows only links that its entries hold.
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import queue
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

import orjson

from . import __version__
from .catalogue import Catalogue, Record
from .diagnostics import os_reason
from .verification import evidence_links

REPORT_VERSION = 1
MAX_REPORT_BYTES = 64 * 1024 * 1024
"""A report of 200,000 links is about 20 MB; a larger file is not one of ours."""
USER_AGENT = f"katalog-inovasi-periksa-tautan/{__version__} (+https://github.com/katalog-inovasi)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_WITH_GET = frozenset({400, 401, 403, 404, 405, 406, 429, 500, 501, 502, 503})
"""HEAD answers after which GET is asked too: many servers refuse or mishandle HEAD alone."""


@dataclass(frozen=True)
class Policy:
    """How hard and how politely links are checked (seconds)."""

    timeout: float = 10.0  # connecting, and each read of an answer
    per_link: float = 30.0  # one link: every request and redirect together
    per_run: float = 45 * 60.0  # the whole run; links not reached keep their previous state
    host_delay: float = 2.0  # between two requests to the same host
    per_host: int = 200  # links of one host checked in one run
    max_redirects: int = 5
    workers: int = 8  # hosts checked side by side
    allow_internal: bool = False  # fetch loopback/private addresses too (tests against a local server)


# --- the report ----------------------------------------------------------------------------------


class Failure(NamedTuple):
    since: date  # the first of the failed checks in a row
    times: int  # failed checks in a row
    reason: str  # "HTTP 404", "waktu habis", …


@dataclass
class LinkReport:
    checked: str = ""  # when the run started (UTC, ISO 8601)
    links: dict[str, dict[str, Any]] = field(default_factory=dict)

    def failure(self, url: str) -> Failure | None:
        item = self.links.get(url)
        if not item or item.get("ok", True):
            return None
        return Failure(date.fromisoformat(item["sejak"]), int(item["kali"]), str(item["sebab"]))

    def to_json(self) -> bytes:
        return orjson.dumps({"versi": REPORT_VERSION, "diperiksa": self.checked, "tautan": self.links},
                            option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _item(url: Any, item: Any) -> dict[str, Any] | None:
    """One well-formed item of a report, or None."""
    if (not isinstance(url, str) or len(url) > 2000 or not url.startswith(("http://", "https://"))
            or not isinstance(item, dict) or not isinstance(item.get("ok"), bool) or _day(item.get("terakhir")) is None):
        return None
    if item["ok"]:
        return {"ok": True, "terakhir": item["terakhir"]}
    since, times, reason = _day(item.get("sejak")), item.get("kali"), item.get("sebab")
    if (since is None or isinstance(times, bool) or not isinstance(times, int) or not 1 <= times <= 100_000
            or not isinstance(reason, str) or not reason.isprintable() or len(reason) > 120):
        return None
    return {"ok": False, "terakhir": item["terakhir"], "sejak": item["sejak"], "kali": times, "sebab": reason}


def read_report(path: str | os.PathLike[str]) -> tuple[LinkReport | None, str | None]:
    """The report at `path`: (report, None); (None, None) when there is none; (None, why) when
    it cannot be used. Items that are not well formed are left out."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_REPORT_BYTES + 1)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"tidak dapat dibaca: {os_reason(exc)}"
    if len(raw) > MAX_REPORT_BYTES:
        return None, f"terlalu besar (lebih dari {MAX_REPORT_BYTES // (1024 * 1024)} MiB)"
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None, "bukan JSON yang sah"
    if not isinstance(data, dict) or data.get("versi") != REPORT_VERSION or not isinstance(data.get("tautan"), dict):
        return None, f"bukan laporan tautan versi {REPORT_VERSION}"
    links = {}
    for url, item in data["tautan"].items():
        kept = _item(url, item)
        if kept is not None:
            links[url] = kept
    checked = data.get("diperiksa")
    return LinkReport(checked if isinstance(checked, str) and len(checked) <= 40 else "", links), None


class DeadLink(NamedTuple):
    """An evidence link of an entry that did not open at the last check."""

    url: str
    claims: tuple[str, ...]  # what it supports, in words
    since: date
    reason: str


def dead_links(entry: Any, report: LinkReport | None) -> tuple[DeadLink, ...]:
    """The evidence links of `entry` that did not open at the report's last check, in page order."""
    if report is None or not report.links:
        return ()
    found: dict[str, tuple[list[str], Failure]] = {}
    for link in evidence_links(entry):
        if link.url in found:
            found[link.url][0].append(link.claim)
            continue
        failure = report.failure(link.url)
        if failure is not None:
            found[link.url] = ([link.claim], failure)
    return tuple(DeadLink(url, tuple(claims), failure.since, failure.reason)
                 for url, (claims, failure) in found.items())


def catalogue_links(catalogue: Catalogue[Record]) -> list[str]:
    """Every evidence link of the published entries, each once, in id order."""
    out: dict[str, None] = {}
    for record in catalogue.published():
        for link in evidence_links(record.entry):
            out.setdefault(link.url, None)
    return list(out)


# --- one link ------------------------------------------------------------------------------------


class _Refused(Exception):
    """A link that is not fetched at all, or cannot be: the reason is in the message."""


def _internal(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def _resolve(host: str, port: int, timeout: float) -> tuple[Any, ...]:
    """One address of `host`, looked up in a thread of its own so that a resolver that hangs costs
    at most `timeout` (the lookup is left to finish on its own)."""
    answer: queue.Queue[Any] = queue.Queue(maxsize=1)

    def lookup() -> None:
        try:
            answer.put(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as exc:
            answer.put(exc)

    threading.Thread(target=lookup, daemon=True).start()
    try:
        result = answer.get(timeout=max(timeout, 0.01))
    except queue.Empty:
        raise _Refused("waktu habis mencari alamat situs") from None
    if isinstance(result, OSError):
        raise _Refused("nama situs tidak ditemukan")
    if not result:
        raise _Refused("nama situs tidak ditemukan")
    return result[0]


class _Connection(http.client.HTTPConnection):
    """HTTP to one resolved address (the one checked against internal addresses)."""

    def __init__(self, host: str, port: int, address: tuple[Any, ...], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        family, kind, proto, _, sockaddr = self._address
        sock = socket.socket(family, kind, proto)
        sock.settimeout(self.timeout)
        try:
            sock.connect(sockaddr)
        except BaseException:
            sock.close()
            raise
        self.sock = sock


class _SecureConnection(_Connection):
    _context = ssl.create_default_context()

    def connect(self) -> None:
        super().connect()
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)


def _reason_of(exc: BaseException) -> str:
    if isinstance(exc, _Refused):
        return str(exc)
    if isinstance(exc, TimeoutError | socket.timeout):
        return "waktu habis"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "sertifikat HTTPS tidak sah"
    if isinstance(exc, ssl.SSLError):
        return "sambungan HTTPS gagal"
    if isinstance(exc, ConnectionRefusedError):
        return "sambungan ditolak"
    if isinstance(exc, http.client.HTTPException):
        return "jawaban server tidak sah"
    return "sambungan gagal"


class Hosts:
    """One request at a time per host, `delay` seconds apart: every request of a run, from
    every worker, redirects included, asks here first."""

    def __init__(self, delay: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.delay, self.clock = delay, clock
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._guard = threading.Lock()

    def lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def wait_turn(self, host: str, deadline: float) -> bool:
        """Sleep until the host may be asked again (the caller holds its lock); False when that
        would pass `deadline`."""
        ready = self._last.get(host, float("-inf")) + self.delay
        now = self.clock()
        if ready > now:
            if ready >= deadline:
                return False
            time.sleep(ready - now)
        return True

    def asked(self, host: str) -> None:
        self._last[host] = self.clock()


def _request(method: str, url: str, policy: Policy, hosts: Hosts, deadline: float) -> tuple[int, str | None]:
    """(status, Location) of one request, within `deadline` whatever the server does: the socket
    is closed at the deadline, which ends a slow answer."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _Refused("alamat bukan http(s)")
    if parts.username or parts.password:
        raise _Refused("alamat memuat nama pengguna atau sandi")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise _Refused("nomor port alamat tidak sah") from None
    host = parts.hostname.lower()
    key = f"{host}:{port}"
    remaining = deadline - hosts.clock()
    if remaining <= 0:
        raise TimeoutError
    address = _resolve(host, port, min(policy.timeout, remaining))
    if not policy.allow_internal and _internal(address[4][0]):
        raise _Refused("alamat jaringan internal, tidak dapat dibuka publik")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    with hosts.lock(key):
        if not hosts.wait_turn(key, deadline):
            raise TimeoutError
        remaining = deadline - hosts.clock()
        if remaining <= 0:
            raise TimeoutError
        kind = _SecureConnection if parts.scheme == "https" else _Connection
        conn = kind(host, port, address, timeout=min(policy.timeout, remaining))
        cut = threading.Event()
        watchdog = threading.Timer(remaining, _cut, args=(conn, cut))
        watchdog.daemon = True
        watchdog.start()
        try:
            hosts.asked(key)
            conn.request(method, path, headers={"User-Agent": USER_AGENT, "Accept": "*/*", "Connection": "close"})
            response = conn.getresponse()
            status, location = response.status, response.getheader("Location")
        except (OSError, http.client.HTTPException) as exc:
            if cut.is_set() or hosts.clock() >= deadline:
                raise TimeoutError from exc
            raise
        finally:
            watchdog.cancel()
            conn.close()
            hosts.asked(key)
        # A socket closed at the deadline ends the headers early, as if the answer were whole.
        if cut.is_set():
            raise TimeoutError
        return status, location


def _cut(conn: http.client.HTTPConnection, cut: threading.Event) -> None:
    cut.set()
    sock = conn.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def probe(url: str, policy: Policy, hosts: Hosts, deadline: float | None = None) -> tuple[bool, str]:
    """Whether `url` opens: (True, "") or (False, why). HEAD first; GET when HEAD fails; redirects
    followed up to `policy.max_redirects`, each hop held to the same rules."""
    deadline = hosts.clock() + policy.per_link if deadline is None else deadline
    current = url
    for _ in range(policy.max_redirects + 1):
        try:
            status, location = _request("HEAD", current, policy, hosts, deadline)
        except _Refused as exc:
            return False, str(exc)
        except (OSError, http.client.HTTPException):
            status, location = 0, None
        if status == 0 or status in RETRY_WITH_GET:
            try:
                status, location = _request("GET", current, policy, hosts, deadline)
            except (_Refused, OSError, http.client.HTTPException) as exc:
                return False, _reason_of(exc)
        if status in REDIRECTS:
            if not location:
                return False, f"HTTP {status} tanpa alamat tujuan"
            current = urljoin(current, location.strip())
            if urlsplit(current).scheme not in ("http", "https"):
                return False, "dialihkan ke alamat yang bukan http(s)"
            continue
        if status >= 400:
            return False, f"HTTP {status}"
        if status < 200:
            return False, f"HTTP {status}"
        return True, ""
    return False, f"terlalu banyak pengalihan (lebih dari {policy.max_redirects})"


# --- a run ---------------------------------------------------------------------------------------


@dataclass
class RunStats:
    links: int = 0
    checked: int = 0
    failed: int = 0
    left: int = 0  # not reached in this run (kept as the previous report had them)


def _host_of(url: str) -> str:
    try:
        parts = urlsplit(url)
        return f"{(parts.hostname or '').lower()}:{parts.port or ''}"
    except ValueError:
        return ""


def check_links(urls: Iterable[str], previous: LinkReport | None = None, *, policy: Policy = Policy(),
                now: datetime | None = None, clock: Callable[[], float] = time.monotonic,
                progress: Callable[[str, bool, str], None] | None = None) -> tuple[LinkReport, RunStats]:
    """Check `urls` (each once) and return the new report: what this run found, and for the links
    it did not reach (the run's budget, a host's share), what `previous` said. Links that are not
    in `urls` any more are dropped."""
    now = now or datetime.now(UTC)
    today = now.date().isoformat()
    old: Mapping[str, dict[str, Any]] = previous.links if previous is not None else {}
    wanted = list(dict.fromkeys(urls))
    stats = RunStats(links=len(wanted))
    # Never checked first, then the longest ago; by host, at most `per_host` links each.
    wanted.sort(key=lambda url: (old.get(url, {}).get("terakhir", ""), url))
    by_host: dict[str, list[str]] = {}
    for url in wanted:
        by_host.setdefault(_host_of(url), []).append(url)
    work: queue.Queue[list[str]] = queue.Queue()
    for links in sorted(by_host.values(), key=len, reverse=True):  # the longest queues start first
        work.put(links[: policy.per_host])
    results: dict[str, tuple[bool, str]] = {}
    guard = threading.Lock()
    hosts = Hosts(policy.host_delay, clock)
    end = clock() + policy.per_run

    def worker() -> None:
        while True:
            try:
                links = work.get_nowait()
            except queue.Empty:
                return
            for url in links:
                if clock() + min(policy.per_link, 1.0) >= end:
                    return
                result = probe(url, policy, hosts, min(clock() + policy.per_link, end))
                with guard:
                    results[url] = result
                if progress is not None:
                    progress(url, *result)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, policy.workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, end - clock()) + policy.per_link + 1.0)
    with guard:
        found = dict(results)

    links: dict[str, dict[str, Any]] = {}
    for url in wanted:
        before = old.get(url)
        if url not in found:
            if before is not None:
                links[url] = dict(before)
            stats.left += 1
            continue
        ok, reason = found[url]
        stats.checked += 1
        if ok:
            links[url] = {"ok": True, "terakhir": today}
            continue
        stats.failed += 1
        failing = before is not None and not before.get("ok", True)
        links[url] = {"ok": False, "terakhir": today, "sejak": before["sejak"] if failing else today,
                      "kali": before["kali"] + 1 if failing else 1, "sebab": reason}
    return LinkReport(now.strftime("%Y-%m-%dT%H:%M:%SZ"), links), stats


def write_report(report: LinkReport, path: str | os.PathLike[str]) -> None:
    """Write the report in one step (a crash leaves the old one)."""
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    os.makedirs(folder, exist_ok=True)
    temporary = f"{target}.{os.getpid()}.tmp"
    with open(temporary, "wb") as f:
        f.write(report.to_json())
    os.replace(temporary, target)
