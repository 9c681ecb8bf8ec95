-- GET with "X-API-Key: $BENCH_API_KEY"; reports through report.lua.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local key = os.getenv("BENCH_API_KEY")
if key == nil or key == "" then
  error("BENCH_API_KEY is not set")
end
wrk.method = "GET"
wrk.headers["X-API-Key"] = key
wrk.headers["Accept"] = "application/json"
