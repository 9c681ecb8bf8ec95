-- Plain GET (the URL comes from the wrk command line); reports through report.lua.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")
