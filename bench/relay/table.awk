# Turns the RESULT lines of bench/relay/run.sh into the comparison tables (Markdown).
# Input lines: RESULT id=ID relay=tenfour|node key=value ...
function v(id, relay, key) { return ((id, relay, key) in r) ? r[id, relay, key] : "" }
function ok(id, relay) { return v(id, relay, "failed") == "" && v(id, relay, "relay") != "" }
function num(x, digits) { return x == "" ? "-" : sprintf("%." digits "f", x) }
function rate(x) {
  if (x == "") return "-"
  return x >= 1e6 ? sprintf("%.2fM", x / 1e6) : x >= 1e4 ? sprintf("%.0fk", x / 1e3) : sprintf("%.0f", x)
}
function cell(id, relay, what) {
  if (!ok(id, relay)) return seen[id, relay] ? "FAILED" : "-"
  if (what == "rate") return rate(v(id, relay, "deliveries_per_s"))
  if (what == "lat") return num(v(id, relay, "p50_ms"), 2) " / " num(v(id, relay, "p99_ms"), 2)
  return num(v(id, relay, "kb_per_conn"), 1)
}
function ratio(id, what,   a, b) {
  if (!ok(id, "tenfour") || !ok(id, "node")) return "-"
  if (what == "rate") { a = v(id, "tenfour", "deliveries_per_s"); b = v(id, "node", "deliveries_per_s") }
  else if (what == "lat") { a = v(id, "tenfour", "p99_ms"); b = v(id, "node", "p99_ms") }
  else { a = v(id, "tenfour", "kb_per_conn"); b = v(id, "node", "kb_per_conn") }
  return b > 0 ? sprintf("%.2fx", a / b) : "-"
}
function row(id, title, metric, what, target) {
  printf "| %s | %s | %s | %s | %s | %s |\n", title, metric, cell(id, "tenfour", what), cell(id, "node", what),
    ratio(id, what), target
}
function detail(id, title, relay) {
  if (!ok(id, relay)) return
  printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", title, relay == "node" ? "node ws" : "tenfour-relay",
    num(v(id, relay, "relay_cpu_pct"), 0), num(v(id, relay, "gen_cpu_pct"), 0),
    num(v(id, relay, "relay_rss_kb") / 1024, 1), rate(v(id, relay, "sent_per_s")),
    num(v(id, relay, "delivery_ratio"), 3), v(id, relay, "gaps")
}
/^RESULT / {
  id = ""; relay = ""
  for (i = 2; i <= NF; i++) {
    split($i, kv, "=")
    if (kv[1] == "id") id = kv[2]
    else if (kv[1] == "relay") relay = kv[2]
    else r[id, relay, kv[1]] = kv[2]
  }
  # "relay" is both the tag and a RESULT field; keep it so ok() can tell a result from a failure.
  r[id, relay, "relay"] = relay
  seen[id, relay] = 1
}
END {
  print "| scenario | metric | tenfour-relay | node ws (corked) | tenfour / node | target |"
  print "|---|---|---|---|---|---|"
  row("sat50", "saturation, 1 talker -> 50 listeners", "deliveries/s", "rate", ">= 2x node")
  row("sat1000", "saturation, 1 talker -> 1,000 listeners", "deliveries/s", "rate", ">= 2x node")
  row("fixed1000", "50 frames/s, 1 talker -> 1,000 listeners", "latency p50 / p99 ms", "lat", "p99 <= 10 ms")
  row("fixed50x20", "50 frames/s, 50 channels x 20 listeners", "latency p50 / p99 ms", "lat", "p99 <= 10 ms")
  row("idle5000", "5,000 idle connections", "relay RSS KB per connection", "kb", "<= 20 KB")
  print ""
  print "| scenario | relay | relay CPU % | generator CPU % | relay RSS MB | talker frames/s | delivered / expected | seq gaps |"
  print "|---|---|---|---|---|---|---|---|"
  n = split("sat50 sat1000 fixed1000 fixed50x20", ids, " ")
  split("saturation 1->50|saturation 1->1,000|50 fps 1->1,000|50 fps 50x20", titles, "|")
  for (i = 1; i <= n; i++) {
    detail(ids[i], titles[i], "tenfour")
    detail(ids[i], titles[i], "node")
  }
  print ""
  print "| 5,000 idle connections | relay RSS before MB | relay RSS after MB | KB per connection | set-up s |"
  print "|---|---|---|---|---|"
  for (k = 1; k <= 2; k++) {
    relay = k == 1 ? "tenfour" : "node"
    if (!ok("idle5000", relay)) continue
    printf "| %s | %s | %s | %s | %s |\n", relay == "node" ? "node ws" : "tenfour-relay",
      num(v("idle5000", relay, "rss_before_kb") / 1024, 1), num(v("idle5000", relay, "rss_after_kb") / 1024, 1),
      num(v("idle5000", relay, "kb_per_conn"), 2), num(v("idle5000", relay, "setup_s"), 2)
  }
}
