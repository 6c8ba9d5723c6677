-- wrk script: every request a new visitor (its own X-Forwarded-For address), until each thread
-- has sent its share of BENCH_VISITORS; pages, referrers and browsers vary as on a real site.
local visitors = tonumber(os.getenv("BENCH_VISITORS") or "1000000")
local threads = tonumber(os.getenv("BENCH_THREADS") or "2")
local agents = {
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36",
}
local pages = { "/", "/pricing", "/blog/swift-on-the-server-part-two", "/docs/getting-started/install" }
local referrers = { "null", '"https://www.google.com/"', '"https://news.ycombinator.com/item?id=1"' }

local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  sent = 0
  share = math.floor(visitors / threads)
end

function request()
  sent = sent + 1
  local n = id * share + sent + 16777216
  local ip = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  local body = string.format(
    '{"n":"pageview","u":"https://bench-1.test%s?v=%d","d":"bench-1.test","r":%s}',
    pages[n % #pages + 1], n, referrers[n % #referrers + 1])
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["User-Agent"] = agents[n % #agents + 1],
    ["X-Forwarded-For"] = ip,
  }, body)
end

function response(status, headers, body)
  if sent >= share then wrk.thread:stop() end
end

function done(summary, latency, requests)
  io.write(string.format("bench: requests=%d errors=%d\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
