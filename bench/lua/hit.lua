-- Cached hits: the same path again and again; optional args: a header name and value
-- (If-None-Match for revalidations, which must be answered 304).
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

setup = report.setup
done = report.done

function init(args)
  local headers = {}
  if args[2] and args[2] ~= "" then headers[args[2]] = args[3] end
  req = wrk.format("GET", args[1], headers)
end

function request()
  return req
end
