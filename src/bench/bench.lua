-- One wrk script for every target, so the client does the same work per request everywhere.
-- Environment:
--   BENCH_PATHS  "fixed:/plain"  -> always that path
--                "routes:N"      -> /r/00000 .. /r/{N-1}, one chosen at random per request
--   BENCH_KEYS   file with one key-auth key per line; a random one is sent per request as
--                the apikey header (sent to every target, also those without key-auth)
--   BENCH_OUT    file the machine-readable result line is appended to
--   BENCH_LABEL  name of the target in that line

local paths = os.getenv("BENCH_PATHS") or "fixed:/"
local keyfile = os.getenv("BENCH_KEYS")
local keys = {}
local nkeys = 0
local fixed, nroutes

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
  if keyfile and keyfile ~= "" then
    for line in io.lines(keyfile) do
      nkeys = nkeys + 1
      keys[nkeys] = line
    end
  end
  local kind, value = paths:match("^(%a+):(.*)$")
  if kind == "routes" then
    nroutes = tonumber(value)
  else
    fixed = value
  end
end

function request()
  local path = fixed or string.format("/r/%05d", math.random(0, nroutes - 1))
  local headers = {}
  if nkeys > 0 then
    headers["apikey"] = keys[math.random(1, nkeys)]
  end
  return wrk.format("GET", path, headers)
end

function done(summary, latency, requests)
  local out = os.getenv("BENCH_OUT")
  if not out then return end
  local e = summary.errors
  local f = io.open(out, "a")
  -- label requests duration_us rps p50_us p99_us status_errors(>=400) connect read write timeout
  f:write(string.format("%s %d %d %.1f %d %d %d %d %d %d %d\n",
    os.getenv("BENCH_LABEL") or "?", summary.requests, summary.duration,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout))
  f:close()
end
