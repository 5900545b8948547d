import { ConfigError } from "../errors.ts";
import { IssueCollector, checkKnownKeys, isPlainObject } from "../util/issues.ts";

/** The code bundle a serialized task downloads (`--tgz` / `--pkl` container arguments); any other key is refused. */
export interface CodeBundle {
  /**
   * Required. Version computed from the bundle's content.
   *
   * Validation: a non-empty string.
   */
  computedVersion: string;
  /**
   * Where the container unpacks the bundle.
   *
   * Validation: a string.
   *
   * @defaultValue `"."`
   */
  destination?: string;
  /**
   * URI of a .tar.gz of the code.
   *
   * Validation: a string; `tgz` or `pkl` must be given.
   *
   * @defaultValue `undefined`
   */
  tgz?: string;
  /**
   * URI of a pickled task (Python only; kept for wire compatibility).
   *
   * Validation: a string; `tgz` or `pkl` must be given.
   *
   * @defaultValue `undefined`
   */
  pkl?: string;
}

/** The image cache a deployment resolved images with. */
export interface ImageCache {
  /**
   * Required. The cache as passed to `--image-cache`.
   *
   * Validation: a string.
   */
  serializedForm: string;
}

/** Options of {@link SerializationContext}; any other key is refused. */
export interface SerializationContextOptions {
  /**
   * Required. The version the tasks are registered under.
   *
   * Validation: a non-empty string of at most 63 characters.
   */
  version: string;
  /**
   * Flyte project of the task identifiers.
   *
   * Validation: a string.
   *
   * @defaultValue `undefined`
   */
  project?: string;
  /**
   * Flyte domain of the task identifiers.
   *
   * Validation: a string.
   *
   * @defaultValue `undefined`
   */
  domain?: string;
  /**
   * Flyte organization of the task identifiers.
   *
   * Validation: a string.
   *
   * @defaultValue `undefined`
   */
  org?: string;
  /**
   * The code bundle the container downloads.
   *
   * Validation: as {@link CodeBundle}: a non-empty `computedVersion` and `tgz` or `pkl`.
   *
   * @defaultValue `undefined`: the code is in the image
   */
  codeBundle?: CodeBundle;
  /**
   * Where the container reads its inputs.
   *
   * Validation: a string.
   *
   * @defaultValue `"{{.input}}"` (filled in by the backend)
   */
  inputPath?: string;
  /**
   * Where the container writes its outputs.
   *
   * Validation: a string.
   *
   * @defaultValue `"{{.outputPrefix}}"`
   */
  outputPath?: string;
  /**
   * Interpreter that engine plugins start on executors.
   *
   * Validation: a string.
   *
   * @defaultValue `"/opt/venv/bin/python"` (as the reference)
   */
  interpreterPath?: string;
  /**
   * Entrypoint that engine plugins start.
   *
   * Validation: a string.
   *
   * @defaultValue `<dir of interpreterPath>/runtime.py`
   */
  entrypointPath?: string;
  /**
   * Project root; task modules are located relative to it in the container args.
   *
   * Validation: a string; serializing a task without a `pkl` code bundle needs it, and the task's module
   * must lie inside it.
   *
   * @defaultValue `undefined`
   */
  rootDir?: string;
  /**
   * The image cache, passed on as `--image-cache`.
   *
   * Validation: `{ serializedForm: string }`.
   *
   * @defaultValue `undefined`
   */
  imageCache?: ImageCache;
}

const KEYS = [
  "version", "project", "domain", "org", "codeBundle", "inputPath", "outputPath", "interpreterPath", "entrypointPath", "rootDir", "imageCache",
] as const;

/** Where and under which version tasks are serialized. */
export class SerializationContext {
  readonly version: string;
  readonly project: string | undefined;
  readonly domain: string | undefined;
  readonly org: string | undefined;
  readonly codeBundle: Readonly<CodeBundle> | undefined;
  readonly inputPath: string;
  readonly outputPath: string;
  readonly interpreterPath: string;
  readonly rootDir: string | undefined;
  readonly imageCache: ImageCache | undefined;
  readonly #entrypointPath: string | undefined;

  constructor(options: SerializationContextOptions) {
    if (!isPlainObject(options)) throw new ConfigError("SerializationContext", [{ path: [], message: "expected { version, ... }" }]);
    const issues = new IssueCollector();
    checkKnownKeys(issues, options, KEYS);
    if (typeof options.version !== "string" || options.version === "") issues.add(["version"], "must be a non-empty string");
    else if (options.version.length > 63) issues.add(["version"], "must be at most 63 characters");
    for (const key of ["project", "domain", "org", "inputPath", "outputPath", "interpreterPath", "entrypointPath", "rootDir"] as const) {
      if (options[key] !== undefined && typeof options[key] !== "string") issues.add([key], "must be a string");
    }
    const bundle = options.codeBundle;
    if (bundle !== undefined) {
      if (!isPlainObject(bundle)) issues.add(["codeBundle"], "must be { computedVersion, tgz | pkl, destination? }");
      else {
        checkKnownKeys(issues, bundle, ["computedVersion", "destination", "tgz", "pkl"], ["codeBundle"]);
        if (typeof bundle.computedVersion !== "string" || bundle.computedVersion === "") {
          issues.add(["codeBundle", "computedVersion"], "must be a non-empty string");
        }
        if (!bundle.tgz && !bundle.pkl) issues.add(["codeBundle"], "Either tgz or pkl must be provided");
      }
    }
    if (options.imageCache !== undefined && !(isPlainObject(options.imageCache) && typeof options.imageCache.serializedForm === "string")) {
      issues.add(["imageCache"], "must be { serializedForm: string }");
    }
    issues.throwIfAny("SerializationContext");
    this.version = options.version;
    this.project = options.project;
    this.domain = options.domain;
    this.org = options.org;
    this.codeBundle = bundle ? Object.freeze({ ...bundle }) : undefined;
    this.inputPath = options.inputPath ?? "{{.input}}";
    this.outputPath = options.outputPath ?? "{{.outputPrefix}}";
    this.interpreterPath = options.interpreterPath ?? "/opt/venv/bin/python";
    this.#entrypointPath = options.entrypointPath;
    this.rootDir = options.rootDir;
    this.imageCache = options.imageCache;
    Object.freeze(this);
  }

  /** The entrypoint beside an interpreter: `<dirname(interpreterPath)>/runtime.py` unless one was given. */
  getEntrypointPath(interpreterPath?: string): string {
    if (this.#entrypointPath !== undefined && interpreterPath === undefined) return this.#entrypointPath;
    const path = interpreterPath ?? this.interpreterPath;
    const slash = path.lastIndexOf("/");
    const dir = slash === -1 ? "" : slash === 0 ? "/" : path.slice(0, slash);
    return dir === "" ? "runtime.py" : dir.endsWith("/") ? `${dir}runtime.py` : `${dir}/runtime.py`;
  }

  static from(value: SerializationContext | SerializationContextOptions): SerializationContext {
    return value instanceof SerializationContext ? value : new SerializationContext(value);
  }
}
