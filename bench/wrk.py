"""wrk (Debian package) over a list of URL paths, for bench/load.py and bench/pages.py.

One Lua script for both: each wrk thread starts at its own offset in the list and requests the
paths round robin; every request carries `Accept-Language: fr-CA` and `Accept-Encoding: gzip`, as
a browser does (the portal compresses for such clients: portal/compression.py), so the figures
include compression and `bytes` is what went over the wire. With `fragment_every=N`, the requests
for every N-th path of the list carry `HX-Request: true` (htmx asks for the results region alone).

`run` returns wrk's summary as a dict: requests, seconds, bytes, socket errors (connect, read,
write, timeout), non-2xx/3xx answers (status), and latency in ms (p50, p90, p95, p99, max, mean).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

LUA = r"""
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local fragment_every = tonumber(os.getenv("WRK_FRAGMENT_EVERY") or "0")
local counter = 0
local threads = {}

setup = function(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

request = function()
  counter = counter + 1
  local i = ((counter + offset) % #paths) + 1
  local headers = {["Accept-Language"] = "fr-CA", ["Accept-Encoding"] = "gzip"}
  if fragment_every > 0 and i % fragment_every == 0 then headers["HX-Request"] = "true" end
  return wrk.format("GET", paths[i], headers)
end

done = function(summary, latency, requests)
  local out = {
    requests = summary.requests, seconds = summary.duration / 1e6, bytes = summary.bytes,
    connect = summary.errors.connect, read = summary.errors.read, write = summary.errors.write,
    timeout = summary.errors.timeout, status = summary.errors.status,
    p50 = latency:percentile(50) / 1000, p90 = latency:percentile(90) / 1000,
    p95 = latency:percentile(95) / 1000, p99 = latency:percentile(99) / 1000,
    max = latency.max / 1000, mean = latency.mean / 1000,
  }
  local parts = {}
  for k, v in pairs(out) do parts[#parts + 1] = string.format("%q:%s", k, tostring(v)) end
  io.write("WRK_JSON {" .. table.concat(parts, ",") .. "}\n")
end
"""


def run(base: str, paths: list[str], seconds: int, connections: int, threads: int, *,
        fragment_every: int = 0) -> dict:
    with tempfile.TemporaryDirectory(prefix="p211-wrk-") as workdir:
        paths_file = Path(workdir) / "paths.txt"
        paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
        script = Path(workdir) / "paths.lua"
        script.write_text(LUA, encoding="utf-8")
        env = dict(os.environ, WRK_PATHS=str(paths_file), WRK_FRAGMENT_EVERY=str(fragment_every))
        out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
                              "--timeout", "10s", "--latency", "-s", str(script), base],
                             env=env, capture_output=True, text=True, check=True)
    line = next(line for line in out.stdout.splitlines() if line.startswith("WRK_JSON "))
    return json.loads(line[len("WRK_JSON "):])


def errors(result: dict) -> int:
    return sum(result[k] for k in ("connect", "read", "write", "timeout", "status"))
