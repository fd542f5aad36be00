-- wrk script of onoff.sh: cycles through a mix of requests read from the file named by WRK_MIX (one request per
-- line: METHOD PATH [JSON body]). The requests are built in init(), once per thread: at script load time wrk has not
-- set the Host header yet, and an HTTP/1.1 server answers 400 to a request without one.
-- done() prints one machine-readable line: RESULT p50_us p99_us requests_per_s requests non2xx3xx socket_errors
local mix = {}
local i = 0

init = function(args)
  local file = os.getenv("WRK_MIX")
  for line in io.lines(file) do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local method, path, body = line:match("^(%S+)%s+(%S+)%s*(.*)$")
      local headers = { ["Accept"] = "application/json" }
      if body == nil or body == "" then
        body = nil
      else
        headers["Content-Type"] = "application/json"
      end
      mix[#mix + 1] = wrk.format(method, path, headers, body)
    end
  end
  if #mix == 0 then
    error("no request in " .. tostring(file))
  end
end

request = function()
  i = i % #mix + 1
  return mix[i]
end

done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT %d %d %.1f %d %d %d\n", latency:percentile(50), latency:percentile(99),
    summary.requests / secs, summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
