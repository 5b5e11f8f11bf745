-- wrk script of the payment benchmark (bench/run.sh): every request pays the next voucher of this thread's share
-- of a file of "reference amount" lines with POST /api/v1/channel/payments, under a fresh bankTransactionId.
--   wrk -t T -c C -d D -s bench/wrk-payments.lua URL -- <voucher file> <bank key> <T> <run id>
-- Every answer is checked: only a 201 counts as a payment. A thread that runs out of vouchers stops and the run
-- reports status=FAILED (give the setup more vouchers). The last line printed is "RESULT key=value ...".

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file, key, nthreads, run = args[1], args[2], tonumber(args[3]), args[4]
  vouchers = {}
  local n = 0
  for line in io.lines(file) do
    if n % nthreads == id then
      local reference, amount = line:match("^(%d+) ([%d.]+)$")
      table.insert(vouchers, { reference, amount })
    end
    n = n + 1
  end
  nextVoucher, ok, bad, exhausted, samples = 1, 0, 0, 0, 0
  prefix = run .. "-" .. id .. "-"
  headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json",
              ["Accept"] = "application/json" }
end

function request()
  local v = vouchers[nextVoucher]
  if v == nil then
    exhausted = exhausted + 1
    return wrk.format("GET", "/bench/vouchers-exhausted", nil, nil)  -- a cheap 404; the thread stops on its answer
  end
  local n = nextVoucher
  nextVoucher = nextVoucher + 1
  local body = '{"bankTransactionId":"' .. prefix .. n .. '","reference":"' .. v[1] .. '","amount":"' .. v[2]
      .. '","paidAt":"' .. os.date("!%Y-%m-%dT%H:%M:%SZ") .. '"}'
  return wrk.format("POST", "/api/v1/channel/payments", headers, body)
end

function response(status, headers, body)
  if exhausted > 0 then
    wrk.thread:stop()
    return
  end
  if status == 201 and body:find('"status":"APPLIED"', 1, true) then
    ok = ok + 1
  else
    bad = bad + 1
    if samples < 3 then
      samples = samples + 1
      io.stderr:write("payments: FAILURE HTTP " .. status .. " " .. body:sub(1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local okAll, badAll, exhaustedAll = 0, 0, 0
  for _, t in ipairs(threads) do
    okAll = okAll + t:get("ok")
    badAll = badAll + t:get("bad")
    exhaustedAll = exhaustedAll + t:get("exhausted")
  end
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  local status = (badAll == 0 and exhaustedAll == 0 and errors == 0 and okAll > 0) and "OK" or "FAILED"
  io.write(string.format("RESULT mode=payments status=%s requests=%d ok=%d failed=%d exhausted=%d"
      .. " socket_errors=%d seconds=%.3f req_per_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f"
      .. " max_ms=%.2f\n", status, summary.requests, okAll, badAll, exhaustedAll, errors, seconds, okAll / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency:percentile(99.9) / 1000, latency.max / 1000))
end
