-- Uploads: PUT the same file under a new name each time.
-- args: the file, the path prefix (the name is appended), optional Authorization value.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

setup = report.setup
done = report.done

local n = 0

function init(args)
  local f = assert(io.open(args[1], "rb"))
  body = f:read("*a")
  f:close()
  prefix = args[2]
  headers = { ["Content-Type"] = "application/octet-stream" }
  if args[3] then headers["Authorization"] = args[3] end
end

function request()
  n = n + 1
  return wrk.format("PUT", prefix .. (tid or 0) .. "-" .. n, headers, body)
end
