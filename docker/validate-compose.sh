#!/usr/bin/env bash
# Validates the compose files offline (no Docker engine needed), in the three ways they are used:
#   docker-compose.yml                              local use
#   docker-compose.yml + docker-compose.dev.yml     development
#   docker-compose.yml + docker-compose.prod.yml    production
# Each combination must pass a real Compose implementation's `config -q` (schema, merge, interpolation),
# then the checks that `config` cannot make, on the merged model:
#   - every image pinned: a tag that is not `latest`, or a digest;
#   - every service has deploy.resources.limits and .reservations (cpus and memory), and the services
#     of the roadmap's table have its numbers (ROADMAP_RESOURCES below);
#   - every service has a healthcheck, or is built from a Dockerfile that declares HEALTHCHECK, except
#     one-shot services (label io.temponest.one-shot: "true", e.g. ollama-pull): they run to completion,
#     so they publish no port, nothing waits for them to be healthy, and in prod they restart on failure
#     only (a restart-always one-shot would run again and again);
#   - every depends_on waits on a condition (service_healthy / service_completed_successfully);
#   - bind mounts are read-only configuration (docker/, db/init/), never source directories;
#   - every service module (a directory with a pom.xml under services/) is a compose service of the same
#     name, built from it (build arg SERVICE), with SERVER_PORT set and published;
#   - prod: restart policy (unless-stopped/always; on-failure for one-shots), read-only root filesystem
#     (unless a label io.temponest.writable-root says why an image cannot run on one),
#     no PostgreSQL/Redis/Ollama/debug host ports, no JDWP,
#     no dev Spring profile, secrets from files (no password, API key, token or private key in the
#     environment), the auth service's signing key;
#   - dev: the built services open JDWP on port 5005;
#   - the build context: every docker/ file that docker/Dockerfile copies (COPY docker/...) or its build
#     stage runs (RUN ... docker/<file>) is let through .dockerignore (which excludes docker/* and re-includes
#     files by name), or the image build fails.
#
# The Compose implementation: COMPOSE (a command, e.g. "docker compose") if set; else the `docker compose`
# plugin or a `docker-compose` v2 on PATH; else the cached copy of Debian trixie's docker-compose v2
# (~/.cache/temponest/compose, override with TEMPONEST_COMPOSE_CACHE), fetched once with apt-get from the
# machine's Debian mirror into that cache without touching the system's apt sources or package state.
# Compose v1 (Debian 12's docker-compose 1.29.2) is not accepted: it predates parts of the Compose
# specification these files use.
set -euo pipefail
cd "$(dirname "$0")/.."

cache_dir=${TEMPONEST_COMPOSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/temponest/compose}
trixie_suite=${TEMPONEST_COMPOSE_SUITE:-trixie}

log() { echo "validate-compose: $*" >&2; }

# The Debian mirror the machine already uses (deb822 or one-line sources), else deb.debian.org.
debian_mirror() {
	local uri
	uri=$(grep -hE '^\s*URIs:\s*\S+/debian/?\s*$' /etc/apt/sources.list.d/*.sources 2>/dev/null |
		awk '{print $2}' | head -n 1 || true)
	if [ -z "$uri" ]; then
		uri=$(grep -hE '^\s*deb\s+(\[[^]]*\]\s+)?\S+/debian/?\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
			2>/dev/null | sed -E 's/^\s*deb\s+(\[[^]]*\]\s+)?(\S+).*/\2/' | head -n 1 || true)
	fi
	echo "${uri:-http://deb.debian.org/debian}"
}

# Downloads Debian trixie's docker-compose (v2) with apt-get, using a private sources list, package
# lists and cache, and extracts its binary into $cache_dir.
fetch_compose_v2() {
	command -v apt-get >/dev/null && command -v dpkg >/dev/null || return 1
	local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	[ -r "$keyring" ] || { log "no $keyring"; return 1; }
	local work arch mirror
	work=$(mktemp -d)
	arch=$(dpkg --print-architecture)
	mirror=$(debian_mirror)
	mkdir -p "$work/sources" "$work/lists/partial" "$work/cache/archives/partial" "$work/deb"
	cat >"$work/sources/$trixie_suite.sources" <<-EOF
		Types: deb
		URIs: $mirror
		Suites: $trixie_suite
		Components: main
		Architectures: $arch
		Signed-By: $keyring
	EOF
	local apt_opts=(
		-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$work/sources"
		-o "Dir::Etc::Preferences=/dev/null" -o "Dir::Etc::PreferencesParts=/dev/null"
		-o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
		-o "APT::Sandbox::User=root" -o "Debug::NoLocking=1" -q
	)
	log "fetching docker-compose from $mirror ($trixie_suite, $arch) into $cache_dir"
	if apt-get "${apt_opts[@]}" update >"$work/apt.log" 2>&1 &&
		(cd "$work/deb" && apt-get "${apt_opts[@]}" download docker-compose >>"$work/apt.log" 2>&1) &&
		dpkg -x "$work"/deb/docker-compose_*.deb "$work/root"; then
		local bin="$work/root/usr/libexec/docker/cli-plugins/docker-compose"
		if [ -x "$bin" ] && "$bin" version >/dev/null 2>&1; then
			mkdir -p "$cache_dir"
			cp "$bin" "$cache_dir/docker-compose.$$"
			mv -f "$cache_dir/docker-compose.$$" "$cache_dir/docker-compose"
			rm -rf "$work"
			return 0
		fi
	fi
	log "could not fetch docker-compose v2:"
	tail -n 5 "$work/apt.log" >&2 || true
	rm -rf "$work"
	return 1
}

# Sets the compose command (array) and its major version.
find_compose() {
	if [ -n "${COMPOSE:-}" ]; then
		read -r -a compose <<<"$COMPOSE"
	elif docker compose version >/dev/null 2>&1; then
		compose=(docker compose)
	elif command -v docker-compose >/dev/null && docker-compose version 2>/dev/null | grep -qE 'version v?2\.'; then
		compose=(docker-compose)
	elif [ -x "$cache_dir/docker-compose" ] && "$cache_dir/docker-compose" version >/dev/null 2>&1; then
		compose=("$cache_dir/docker-compose")
	elif fetch_compose_v2; then
		compose=("$cache_dir/docker-compose")
	else
		# No fallback to Debian 12's docker-compose 1.29.2: its schema rejects Compose v2 files (top-level
		# `name`, `pull_policy: build`), so it could only report false failures.
		log "no Compose v2 implementation: install the docker compose plugin, or let this script fetch"
		log "Debian trixie's docker-compose (needs apt-get, dpkg and the Debian mirror)"
		exit 2
	fi
	compose_version=$("${compose[@]}" version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n 1 || true)
	case "$compose_version" in
		2.* | [3-9].*) ;;
		*) log "'${compose[*]}' is Compose '${compose_version:-?}'; Compose v2 or newer is needed"; exit 2 ;;
	esac
}

find_compose
log "using ${compose[*]} $compose_version"

# Secret files referenced by the prod file: empty placeholders, so that `config` sees files that exist.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/secrets"
while read -r name; do
	: >"$work/secrets/$name"
done < <(sed -nE 's#^\s*file:\s*\$\{SECRETS_DIR:-[^}]*\}/([A-Za-z0-9_.-]+)\s*$#\1#p' docker-compose.prod.yml)
: >"$work/empty.env"

# The files' own defaults: a clean environment, and no local .env file.
run_compose() {
	env -i PATH="$PATH" HOME="$HOME" SECRETS_DIR="$work/secrets" "${compose[@]}" --env-file "$work/empty.env" "$@"
}

check_model() {
	local mode=$1 model=$2
	python3 - "$mode" "$model" "$PWD" <<-'PY'
		import json, os, re, sys

		mode, model_file, root = sys.argv[1], sys.argv[2], sys.argv[3]
		with open(model_file, encoding="utf-8") as f:
		    model = json.load(f)

		errors = []
		services = model.get("services") or {}
		if not services:
		    errors.append("no services")

		def err(service, message):
		    errors.append(f"{service}: {message}")

		def env_of(service):
		    env = service.get("environment") or {}
		    if isinstance(env, list):
		        env = dict(e.split("=", 1) if "=" in e else (e, "") for e in env)
		    return {k: ("" if v is None else str(v)) for k, v in env.items()}

		def dockerfile_has_healthcheck(build):
		    if isinstance(build, str):
		        build = {"context": build}
		    context = build.get("context", ".")
		    dockerfile = os.path.join(context, build.get("dockerfile", "Dockerfile"))
		    if not os.path.isfile(dockerfile):
		        return None
		    with open(dockerfile, encoding="utf-8") as f:
		        return any(re.match(r"\s*HEALTHCHECK\s+(?!NONE)", line, re.I) for line in f)

		def dockerfile_entrypoint(build):
		    """The exec-form ENTRYPOINT of the Dockerfile's last stage, or None."""
		    if isinstance(build, str):
		        build = {"context": build}
		    dockerfile = os.path.join(build.get("context", "."), build.get("dockerfile", "Dockerfile"))
		    if not os.path.isfile(dockerfile) or build.get("target"):
		        return None
		    entrypoint = None
		    with open(dockerfile, encoding="utf-8") as f:
		        for line in f:
		            m = re.match(r"\s*ENTRYPOINT\s+(\[.*\])\s*$", line, re.I)
		            if m:
		                entrypoint = json.loads(m.group(1))
		    return entrypoint

		def has_health(service):
		    hc = service.get("healthcheck")
		    if hc and not hc.get("disable") and hc.get("test") not in (None, [], ["NONE"]):
		        return True
		    if service.get("build"):
		        return bool(dockerfile_has_healthcheck(service["build"]))
		    return False

		def published_ports(service):
		    result = []
		    for p in service.get("ports") or []:
		        if isinstance(p, dict):
		            if p.get("published") not in (None, ""):
		                result.append(int(p["target"]))
		        else:
		            parts = str(p).split("/")[0].split(":")
		            if len(parts) > 1:
		                result.append(int(parts[-1].split("-")[0]))
		    return result

		allowed_bind_roots = [os.path.join(root, "docker"), os.path.join(root, "db", "init")]

		# The roadmap's resource table (limits ; reservations, cpus and memory in bytes); docker-compose.yml's
		# header comment lists the same numbers. Ollama's are the original compose file's.
		G, M = 1024 ** 3, 1024 ** 2
		ROADMAP_RESOURCES = {
		    "postgres": ((1.0, 2 * G), (0.5, 1 * G)),
		    "redis": ((0.5, 512 * M), (0.25, 256 * M)),
		    "auth": ((0.5, 512 * M), (0.25, 256 * M)),
		    "scheduler": ((0.5, 512 * M), (0.25, 256 * M)),
		    "agents": ((2.0, 2 * G), (1.0, 1 * G)),
		    "ollama": ((2.0, 4 * G), (1.0, 2 * G)),
		}

		def one_shot(service):
		    return str((service.get("labels") or {}).get("io.temponest.one-shot", "")).lower() == "true"

		def as_number(value):
		    try:
		        return float(value)
		    except (TypeError, ValueError):
		        return None

		for name, ((limit_cpus, limit_memory), (reserved_cpus, reserved_memory)) in ROADMAP_RESOURCES.items():
		    if name not in services:
		        errors.append(f"{name}: missing (a service of the roadmap's resource table)")
		        continue
		    resources = (services[name].get("deploy") or {}).get("resources") or {}
		    for kind, cpus, memory in (("limits", limit_cpus, limit_memory), ("reservations", reserved_cpus, reserved_memory)):
		        r = resources.get(kind) or {}
		        if as_number(r.get("cpus")) != cpus or as_number(r.get("memory")) != memory:
		            err(name, f"deploy.resources.{kind} {r.get('cpus')} cpus / {r.get('memory')} bytes, the roadmap's table "
		                      f"says {cpus} / {memory}")

		for name, s in services.items():
		    image = s.get("image")
		    if not image:
		        err(name, "no image (every service needs a pinned image name)")
		    else:
		        last = image.rsplit("/", 1)[-1]
		        if "@sha256:" not in image:
		            if ":" not in last:
		                err(name, f"image {image} has no tag")
		            elif last.split(":", 1)[1] in ("latest", ""):
		                err(name, f"image {image} uses the latest tag")
		    resources = (s.get("deploy") or {}).get("resources") or {}
		    for kind in ("limits", "reservations"):
		        r = resources.get(kind) or {}
		        for key in ("cpus", "memory"):
		            if r.get(key) in (None, "", 0, "0"):
		                err(name, f"no deploy.resources.{kind}.{key}")
		    if one_shot(s):
		        if published_ports(s):
		            err(name, "a one-shot service publishes ports")
		    elif s.get("build"):
		        found = dockerfile_has_healthcheck(s["build"])
		        if found is None and not s.get("healthcheck"):
		            err(name, "built from a Dockerfile that does not exist, and no healthcheck")
		        elif found is False and not s.get("healthcheck"):
		            err(name, "its Dockerfile declares no HEALTHCHECK and the service none")
		    elif not has_health(s):
		        err(name, "no healthcheck")
		    depends = s.get("depends_on") or {}
		    if isinstance(depends, list):
		        for target in depends:
		            err(name, f"depends_on {target} without a condition")
		    else:
		        for target, spec in depends.items():
		            condition = (spec or {}).get("condition", "service_started")
		            if condition not in ("service_healthy", "service_completed_successfully"):
		                err(name, f"depends_on {target} with condition {condition}")
		            elif condition == "service_healthy" and target in services and not has_health(services[target]):
		                err(name, f"waits for {target} to be healthy, which has no healthcheck")
		    for v in s.get("volumes") or []:
		        if isinstance(v, str):
		            parts = v.split(":")
		            v = {"type": "bind" if parts[0].startswith((".", "/", "~")) else "volume", "source": parts[0],
		                 "target": parts[1] if len(parts) > 1 else "", "read_only": len(parts) > 2 and "ro" in parts[2].split(",")}
		        if v.get("type") != "bind":
		            continue
		        source = os.path.normpath(os.path.join(root, v.get("source", "")))
		        if not any(source == r or source.startswith(r + os.sep) for r in allowed_bind_roots):
		            err(name, f"bind mount of {source}: only configuration under docker/ or db/init/ may be mounted")
		        if not v.get("read_only"):
		            err(name, f"bind mount of {source} is not read-only")
		    env = env_of(s)
		    jvm_options = env.get("JAVA_TOOL_OPTIONS", "") + " " + env.get("JDK_JAVA_OPTIONS", "")
		    if s.get("build") and "jdwp" in jvm_options:
		        err(name, "JDWP in JAVA_TOOL_OPTIONS/JDK_JAVA_OPTIONS: the image's HEALTHCHECK JVM would start it too")
		    launch = [str(a) for a in (s.get("entrypoint") or []) + (s.get("command") or [])]
		    if mode == "prod":
		        if one_shot(s):
		            if not re.fullmatch(r"on-failure(:[0-9]+)?", str(s.get("restart") or "")):
		                err(name, f"restart policy {s.get('restart')!r} of a one-shot in prod (on-failure[:N])")
		        elif s.get("restart") not in ("unless-stopped", "always"):
		            err(name, f"restart policy {s.get('restart')!r} in prod")
		        if not s.get("read_only") and not (s.get("labels") or {}).get("io.temponest.writable-root"):
		            err(name, "root filesystem not read-only in prod (or a label io.temponest.writable-root giving the reason)")
		        ports = published_ports(s)
		        if name in ("postgres", "redis", "ollama") and ports:
		            err(name, f"publishes host ports {ports} in prod")
		        if 5005 in ports:
		            err(name, "publishes the debug port in prod")
		        if any("jdwp" in a for a in launch) or "jdwp" in jvm_options + env.get("JAVA_OPTS", ""):
		            err(name, "JDWP agent enabled in prod")
		        if s.get("build"):
		            profiles = [p.strip() for p in env.get("SPRING_PROFILES_ACTIVE", "").split(",")]
		            if "dev" in profiles or "prod" not in profiles:
		                err(name, f"Spring profiles {profiles} in prod (need prod, never dev)")
		        for key, value in env.items():
		            if key.endswith(("_FILE", "__FILE")) and value.startswith("/run/secrets/"):
		                target = value[len("/run/secrets/"):]
		                targets = [(x if isinstance(x, str) else x.get("target") or x.get("source")) for x in s.get("secrets") or []]
		                targets = [t[len("/run/secrets/"):] if t.startswith("/run/secrets/") else t for t in targets]
		                if target not in targets:
		                    err(name, f"{key} points at {value}, which no secret of the service provides")
		    if mode == "dev" and s.get("build"):
		        if not any("jdwp" in a for a in launch):
		            err(name, "no JDWP agent in dev")
		        elif s.get("entrypoint"):
		            image_entrypoint = dockerfile_entrypoint(s["build"])
		            own = [a for a in s["entrypoint"] if "jdwp" not in a]
		            if image_entrypoint is not None and own != image_entrypoint:
		                err(name, f"dev entrypoint {own} (without JDWP) differs from the Dockerfile's {image_entrypoint}")
		        if 5005 not in published_ports(s):
		            err(name, "debug port 5005 not published in dev")

		modules = sorted(d for d in os.listdir(os.path.join(root, "services"))
		                 if os.path.isfile(os.path.join(root, "services", d, "pom.xml")))
		if not modules:
		    errors.append("no service modules under services/")
		for module in modules:
		    s = services.get(module)
		    if s is None:
		        err(module, "service module services/" + module + " has no compose service")
		        continue
		    build = s.get("build")
		    args = (build.get("args") or {}) if isinstance(build, dict) else {}
		    if isinstance(args, list):
		        args = dict(a.split("=", 1) if "=" in a else (a, "") for a in args)
		    if args.get("SERVICE") != module:
		        err(module, f"not built from services/{module} (build arg SERVICE={args.get('SERVICE')!r})")
		    port = env_of(s).get("SERVER_PORT", "")
		    if not port.isdigit():
		        err(module, "no SERVER_PORT (the image's HEALTHCHECK probes it)")
		    elif int(port) not in published_ports(s):
		        err(module, f"SERVER_PORT {port} is not published")

		if mode == "prod":
		    secret_name = re.compile(r"(PASSWORD|API_KEY|SECRET|TOKEN|PRIVATE_KEY)$")
		    for name, s in services.items():
		        for key, value in env_of(s).items():
		            if secret_name.search(key) and value:
		                err(name, f"{key} set in the environment in prod (use a secret file)")
		    for secret, spec in (model.get("secrets") or {}).items():
		        if not (spec or {}).get("file"):
		            errors.append(f"secret {secret}: not read from a file")
		    auth = services.get("auth")
		    if auth is None:
		        errors.append("auth: missing")
		    elif not env_of(auth).get("JWT_PRIVATE_KEY_FILE"):
		        errors.append("auth: no JWT_PRIVATE_KEY_FILE in prod")

		for e in errors:
		    print(f"  {mode}: {e}", file=sys.stderr)
		sys.exit(1 if errors else 0)
	PY
}

failed=0

# docker/ files the Dockerfile copies from the build context or runs in its build stage (after `COPY . .`),
# against .dockerignore's `docker/*` + `!docker/<file>`.
while read -r source; do
	if grep -qxF 'docker/*' .dockerignore && ! grep -qxF "!$source" .dockerignore; then
		log "docker/Dockerfile uses $source, which .dockerignore excludes (add !$source)"
		failed=1
	fi
done < <({
	grep -oE '^\s*COPY\s+(--chmod=\S+\s+|--chown=\S+\s+)*docker/\S+' docker/Dockerfile | awk '{print $NF}'
	grep -E '^\s*RUN\s' docker/Dockerfile | grep -oE '(^|\s)docker/[A-Za-z0-9._-]+' | sed 's/^\s*//'
} | sort -u)

for combination in "base:docker-compose.yml" "dev:docker-compose.yml docker-compose.dev.yml" \
	"prod:docker-compose.yml docker-compose.prod.yml"; do
	mode=${combination%%:*}
	files=()
	for f in ${combination#*:}; do files+=(-f "$f"); done
	if ! run_compose "${files[@]}" config -q; then
		log "$mode: config -q FAILED"
		failed=1
		continue
	fi
	run_compose "${files[@]}" config --format json >"$work/$mode.model"
	if check_model "$mode" "$work/$mode.model"; then
		log "$mode: ok (${combination#*:})"
	else
		log "$mode: invariants FAILED (${combination#*:})"
		failed=1
	fi
done
exit "$failed"
