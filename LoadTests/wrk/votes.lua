-- wrk script: unique valid PESELs, one approval pick per ballot.
-- wrk -t2 -c64 -d10s -s LoadTests/wrk/votes.lua http://127.0.0.1:8080 -- <editionId> [projectId]
local weights = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3}
local counter = 0
local edition, project
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
  table.insert(threads, thread)
end

function init(args)
  edition = args[1] or "bench"
  project = args[2] or "p1"
  -- every run and thread starts elsewhere, so no PESEL of an earlier run comes back as a replay
  math.randomseed(os.time() * 1000 + (id or 0) * 7919)
  counter = ((id or 0) * 1000 + math.random(0, 999)) * 10000000 + math.random(0, 999) * 10000
end

local function pesel(n)
  -- born 1930-01-01 + (n / 10000) days (within 60 years, so adults), serial n % 10000
  local day = math.floor(n / 10000) % 21900
  local t = os.time({year = 1930, month = 1, day = 1, hour = 12}) + day * 86400
  local d = os.date("*t", t)
  local month = d.month + (d.year >= 2000 and 20 or 0)
  local body = string.format("%02d%02d%02d%04d", d.year % 100, month, d.day, n % 10000)
  local sum = 0
  for i = 1, 10 do sum = sum + weights[i] * tonumber(body:sub(i, i)) end
  return body .. tostring((10 - sum % 10) % 10)
end

function request()
  counter = counter + 1
  local body = '{"voter":{"pesel":"' .. pesel(counter) .. '"},"selections":[{"projectId":"' .. project .. '"}]}'
  return wrk.format("POST", "/api/v1/editions/" .. edition .. "/ballots", {["Content-Type"] = "application/json"}, body)
end

-- wrk reports non-2xx answers; a replayed voter would answer 200, so the runner also checks
-- that results.ballots equals the number of requests (each request a new voter).
