-- POST {"email": $BENCH_EMAIL, "password": $BENCH_PASSWORD} as JSON (to /auth/login); reports through report.lua.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local email = os.getenv("BENCH_EMAIL")
local password = os.getenv("BENCH_PASSWORD")
if email == nil or email == "" or password == nil or password == "" then
  error("BENCH_EMAIL and BENCH_PASSWORD must be set")
end
-- Generated e-mail addresses and passwords contain no characters that need JSON escaping.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = string.format('{"email":"%s","password":"%s"}', email, password)
