-- wrk script for `make api-benchmark` (scripts/api_benchmark.py): partner systems calling the API lists.
--
-- The driver passes the bearer token and the paths in the environment (API_BENCH_TOKEN, API_BENCH_PATHS,
-- comma-separated); each connection cycles through the paths, so one path is one endpoint's run and four
-- are the mixed run. No response() callback: wrk then need not hand every body to Lua, and a status that
-- is not 2xx/3xx is counted by wrk itself (summary.errors.status). done() prints one JSON line that the
-- driver reads: requests, seconds, errors and the latency percentiles in milliseconds.

local token = os.getenv("API_BENCH_TOKEN") or ""
local paths = {}
for path in string.gmatch(os.getenv("API_BENCH_PATHS") or "/api/v1/gezinnen", "[^,]+") do
  paths[#paths + 1] = path
end

wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"

local requests = {}
for i, path in ipairs(paths) do
  requests[i] = wrk.format("GET", path)
end
local counter = 0

function request()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

function done(summary, latency, _requests)
  local errors = summary.errors
  local ms = function(p) return latency:percentile(p) / 1000.0 end
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %.3f, "connect_errors": %d, "read_errors": %d, "write_errors": %d, '
      .. '"status_errors": %d, "timeouts": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6, errors.connect, errors.read, errors.write, errors.status,
    errors.timeout, ms(50), ms(95), ms(99), latency.max / 1000.0
  ))
end
