-- Shared by the bench scripts: collects per-thread counters and prints one RESULT line that
-- Pictor.Bench reads (latencies in ms, failures = socket errors + responses with status >= 400).
local report = {}
local threads = {}

function report.setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function report.done(summary, latency)
  local e = summary.errors
  local busy, retry_after = 0, 0
  for _, t in ipairs(threads) do
    busy = busy + (t:get("busy") or 0)
    retry_after = retry_after + (t:get("retry_after") or 0)
  end
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f p50_ms=%.2f p99_ms=%.2f failures=%d busy=%d retry_after=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + e.status, busy, retry_after))
end

return report
