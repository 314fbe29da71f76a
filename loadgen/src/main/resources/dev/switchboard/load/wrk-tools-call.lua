-- wrk script: POST the same tools/call add that ./sb load sends, to compare raw rates against the floor.
-- Used by ./sb floor --check; by hand: wrk -t2 -c50 -d10s -s wrk-tools-call.lua http://127.0.0.1:PORT/mcp
wrk.method = "POST"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":1,"b":2}}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
