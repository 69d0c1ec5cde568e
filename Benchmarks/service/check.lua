-- wrk script: POST /v1/check with the articles of a JSONL file, one after another (each wrk thread starts at a
-- different line). Usage: ARTICLES=/path/to/articles.jsonl wrk -t2 -c64 -d30s --latency -s check.lua URL
-- Optional: TOKEN=... adds "Authorization: Bearer TOKEN".

local bodies = {}
local position = 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 997)
end

function init(args)
  local path = os.getenv("ARTICLES") or "articles.jsonl"
  for line in io.lines(path) do
    if #line > 0 then bodies[#bodies + 1] = line end
  end
  if #bodies == 0 then error("no articles in " .. path) end
  position = (offset or 0) % #bodies
  wrk.method = "POST"
  wrk.path = "/v1/check"
  wrk.headers["Content-Type"] = "application/json"
  local token = os.getenv("TOKEN")
  if token then wrk.headers["Authorization"] = "Bearer " .. token end
end

function request()
  position = position % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[position])
end

local failures = 0
function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d non-2xx (in the summary), %d connect, %d read, %d write, %d timeout\n",
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %.0f requests/s\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests / (summary.duration / 1e6)))
end
