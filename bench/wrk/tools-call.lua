-- wrk script for the README's cross-check: tools/call add on an MCP session that already exists.
-- Open the session first and pass its id in SID, e.g.
--   SID=$(curl -si http://127.0.0.1:8080/mcp -H 'Content-Type: application/json' \
--         -H 'Accept: application/json, text/event-stream' \
--         -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"wrk","version":"1"}}}' \
--         | awk 'tolower($1)=="mcp-session-id:" {print $2}' | tr -d '\r')
--   SID=$SID wrk -t2 -c32 -d10s --latency -s bench/wrk/tools-call.lua http://127.0.0.1:8080/mcp
wrk.method = "POST"
wrk.body = '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"add","arguments":{"a":1,"b":2}}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
wrk.headers["Mcp-Session-Id"] = os.getenv("SID")
