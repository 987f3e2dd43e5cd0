-- Cold derives: every request asks for a size no earlier request of this run asked for.
-- args: path template with {w} and {h}, base width, base height; optional: a header name and value
-- (Accept, for the auto format).
-- The k-th size is (base_w + k % 300, base_h + k // 300 % 300), as in Pictor.Bench's SizeRange;
-- wrk runs at most two threads (Wrk.cs), which take turns: thread t's n-th request takes k = 2n + t, so no two
-- requests of a run ask for the same size and the run asks for the sizes the NetVips loop derives (k = 1, 2, …).
-- (Each thread once took its own block, k = t * 20000 + n: the second thread asked for outputs 1.5× as large as
-- the loop's, which cost the servers a quarter more encoding per request than the loop they were compared with.)
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

setup = report.setup
done = report.done

local n = 0
busy, retry_after = 0, 0

function init(args)
  template, base_w, base_h = args[1], tonumber(args[2]), tonumber(args[3])
  headers = {}
  if args[4] and args[4] ~= "" then headers[args[4]] = args[5] end
end

function request()
  local k = 2 * n + (tid or 0)
  n = n + 1
  local w = base_w + k % 300
  local h = base_h + math.floor(k / 300) % 300
  return wrk.format("GET", (template:gsub("{w}", w):gsub("{h}", h)), headers)
end

-- Overload shows up as 503s: count them, and whether they say when to come back.
function response(status, headers)
  if status == 503 then
    busy = busy + 1
    if headers["Retry-After"] or headers["retry-after"] then retry_after = retry_after + 1 end
  end
end
