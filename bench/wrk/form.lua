-- POST $BENCH_FORM as application/x-www-form-urlencoded (an OAuth 2 password grant to a token endpoint); reports
-- through report.lua.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local form = os.getenv("BENCH_FORM")
if form == nil or form == "" then
  error("BENCH_FORM is not set")
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.body = form
