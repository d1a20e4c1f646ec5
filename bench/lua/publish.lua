-- wrk script for row d: small publishes of distinct 4 KiB blobs, one publish after the other on each
-- connection. Run it with as many threads as connections (-tN -cN) so each thread owns one connection and
-- can keep the two-request upload state of the OCI protocol.
-- Environment:
--   BENCH_MODE     gpr | registry | verdaccio | nginx
--   BENCH_POOL     directory with pool.bin (N x 4096 bytes) and pool.sha256 / pool.sha1 / pool.sha512
--                  (one fixed-width line per blob: hex / hex / base64)
--   BENCH_FIRST, BENCH_COUNT  the segment of the pool this measurement uses (no content is shared between
--                  measurements, so no publish finds its blob already stored)
--   BENCH_THREADS  number of wrk threads (the pool is split between them, so content is never shared)
--   BENCH_RUN      unique id of this run, part of every name so runs never collide
--   BENCH_AUTH     Authorization header value (gpr, verdaccio)
--   BENCH_HOSTPORT host:port used in verdaccio tarball URLs
--   BENCH_OUT      file the JSON report is written to
local BLOB = 4096
local mode = os.getenv("BENCH_MODE")
local run = os.getenv("BENCH_RUN")
local auth = os.getenv("BENCH_AUTH")
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local blobs, sha256s, sha1s, sha512s = {}, {}, {}, {}
-- created/failed/reused are globals so that done() can read them with thread:get()
local count, n = 0, 0
created, failed, reused = 0, 0, 0
local upload_location = nil

local function read_lines(path, width, first, total)
  local f = assert(io.open(path, "rb"))
  f:seek("set", first * (width + 1))
  local out = {}
  for i = 1, total do
    out[i] = f:read(width)
    f:read(1)
  end
  f:close()
  return out
end

function init(args)
  local pool = os.getenv("BENCH_POOL")
  local nthreads = tonumber(os.getenv("BENCH_THREADS"))
  -- this measurement's segment of the pool; each thread takes an equal share of it
  local seg_first = tonumber(os.getenv("BENCH_FIRST"))
  local seg_count = tonumber(os.getenv("BENCH_COUNT"))
  local f = assert(io.open(pool .. "/pool.bin", "rb"))
  local per = math.floor(seg_count / nthreads)
  local first = seg_first + id * per
  f:seek("set", first * BLOB)
  for i = 1, per do
    blobs[i] = f:read(BLOB)
  end
  f:close()
  sha256s = read_lines(pool .. "/pool.sha256", 64, first, per)
  if mode == "verdaccio" then
    sha1s = read_lines(pool .. "/pool.sha1", 40, first, per)
    sha512s = read_lines(pool .. "/pool.sha512", 88, first, per)
  end
  count = per
end

local b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local b64 = {}
for i = 1, 64 do b64[i - 1] = b64chars:sub(i, i) end

local function base64(data)
  local out = {}
  local len = #data
  for i = 1, len, 3 do
    local a, b, c = data:byte(i, i + 2)
    local v = a * 65536 + (b or 0) * 256 + (c or 0)
    local q1 = math.floor(v / 262144) % 64
    local q2 = math.floor(v / 4096) % 64
    local q3 = math.floor(v / 64) % 64
    local q4 = v % 64
    out[#out + 1] = b64[q1] .. b64[q2] .. (b and b64[q3] or "=") .. (c and b64[q4] or "=")
  end
  return table.concat(out)
end

local function pick()
  n = n + 1
  local i = (n - 1) % count + 1
  if n > count then reused = reused + 1 end
  return i
end

local function headers(extra)
  local h = extra or {}
  if auth ~= nil and auth ~= "" then h["Authorization"] = auth end
  return h
end

function request()
  if mode == "gpr" then
    local i = pick()
    local path = string.format("/v1/bench/pub-%s-t%d/1.0.%d/x/blob", run, id, n)
    return wrk.format("PUT", path, headers({["Content-Type"] = "application/octet-stream"}), blobs[i])
  elseif mode == "nginx" then
    local i = pick()
    return wrk.format("PUT", string.format("/upload/%s/t%d/%d", run, id, n), headers(), blobs[i])
  elseif mode == "registry" then
    if upload_location == nil then
      return wrk.format("POST", "/v2/bench/pub/blobs/uploads/", {["Content-Length"] = "0"}, nil)
    end
    local i = pick()
    local sep = upload_location:find("?", 1, true) and "&" or "?"
    local path = upload_location .. sep .. "digest=sha256:" .. sha256s[i]
    upload_location = nil
    return wrk.format("PUT", path, {["Content-Type"] = "application/octet-stream"}, blobs[i])
  elseif mode == "verdaccio" then
    local i = pick()
    local pkg = string.format("pub-%s-t%d", run, id)
    local ver = string.format("1.0.%d", n)
    local file = pkg .. "-" .. ver .. ".tgz"
    local body = string.format(
      '{"_id":"%s","name":"%s","description":"bench","dist-tags":{"latest":"%s"},' ..
      '"versions":{"%s":{"name":"%s","version":"%s","description":"bench","_id":"%s@%s",' ..
      '"dist":{"shasum":"%s","integrity":"sha512-%s","tarball":"http://%s/%s/-/%s"}}},' ..
      '"access":null,"_attachments":{"%s":{"content_type":"application/octet-stream","data":"%s","length":%d}}}',
      pkg, pkg, ver, ver, pkg, ver, pkg, ver, sha1s[i], sha512s[i], os.getenv("BENCH_HOSTPORT"), pkg, file,
      file, base64(blobs[i]), BLOB)
    return wrk.format("PUT", "/" .. pkg, headers({["Content-Type"] = "application/json"}), body)
  end
end

function response(status, hdrs, body)
  if mode == "registry" and status == 202 then
    local loc = hdrs["Location"] or hdrs["location"]
    upload_location = loc:gsub("^https?://[^/]+", "")
    return
  end
  if status == 201 or status == 204 then
    created = created + 1
  else
    failed = failed + 1
    upload_location = nil
  end
end

function done(summary, latency, requests)
  local c, f, r = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    f = f + t:get("failed")
    r = r + t:get("reused")
  end
  local out = assert(io.open(os.getenv("BENCH_OUT"), "w"))
  local e = summary.errors
  out:write(string.format(
    '{"created":%d,"failed":%d,"reused_content":%d,"requests":%d,"duration_us":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"max":%d,"p50":%d,"p99":%d}}\n',
    c, f, r, summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.max, latency:percentile(50), latency:percentile(99)))
  out:close()
end
