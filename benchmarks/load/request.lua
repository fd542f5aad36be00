-- wrk script shared by every endpoint of run-sample-load.sh. The request comes from the environment so one script
-- serves all endpoints: WRK_METHOD (default GET), WRK_PATH (default /), WRK_BODY (optional JSON body).
-- done() prints one machine-readable line: RESULT p50_us p90_us p99_us max_us requests_per_s requests non2xx3xx socket_errors
local method = os.getenv("WRK_METHOD") or "GET"
local path = os.getenv("WRK_PATH") or "/"
local body = os.getenv("WRK_BODY")
local headers = { ["Accept"] = "application/json" }
if body ~= nil and body ~= "" then
  headers["Content-Type"] = "application/json"
else
  body = nil
end

-- Built once per thread: the request bytes are identical for every call.
local req = nil
request = function()
  if req == nil then
    req = wrk.format(method, path, headers, body)
  end
  return req
end

done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  local sockErr = e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT %d %d %d %d %.1f %d %d %d\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.requests / secs, summary.requests, e.status, sockErr))
end
