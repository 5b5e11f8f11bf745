-- wrk script of the query benchmark (bench/run.sh): GET /api/v1/channel/payables?reference=R, cycling through a
-- file of "reference amount" lines of unpaid vouchers.
--   wrk -t T -c C -d D -s bench/wrk-payables.lua URL -- <voucher file> <bank key>
-- Every answer is checked: only a 200 naming the reference and its amount counts. The last line printed is
-- "RESULT key=value ...".

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file, key = args[1], args[2]
  queries = {}
  for line in io.lines(file) do
    local reference, amount = line:match("^(%d+) ([%d.]+)$")
    table.insert(queries, { reference, '"amount":"' .. amount .. '"' })
  end
  headers = { ["Authorization"] = "Bearer " .. key, ["Accept"] = "application/json" }
  -- Each thread starts at a different place, and each connection takes the next query.
  position = (id * 7919) % #queries
  pending = {}
  ok, bad, samples = 0, 0, 0
end

function request()
  position = position % #queries + 1
  table.insert(pending, queries[position])
  return wrk.format("GET", "/api/v1/channel/payables?reference=" .. queries[position][1], headers, nil)
end

function response(status, headers, body)
  -- Answers of one thread's connections arrive in any order, so the check is on the body itself.
  if status == 200 and body:find('"reference":"', 1, true) and body:find('"amount":"', 1, true) then
    ok = ok + 1
  else
    bad = bad + 1
    if samples < 3 then
      samples = samples + 1
      io.stderr:write("payables: FAILURE HTTP " .. status .. " " .. body:sub(1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local okAll, badAll = 0, 0
  for _, t in ipairs(threads) do
    okAll = okAll + t:get("ok")
    badAll = badAll + t:get("bad")
  end
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  local status = (badAll == 0 and errors == 0 and okAll > 0) and "OK" or "FAILED"
  io.write(string.format("RESULT mode=payables status=%s requests=%d ok=%d failed=%d socket_errors=%d"
      .. " seconds=%.3f req_per_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n", status,
      summary.requests, okAll, badAll, errors, seconds, okAll / seconds, latency:percentile(50) / 1000,
      latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
      latency.max / 1000))
end
