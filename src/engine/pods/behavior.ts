// What the lab cannot read from a Pod spec: how the application inside behaves (how long it
// runs, its exit code, memory use, whether probes pass). Like KWOK's per-pod annotations, it
// is written on the Pod as the annotation `podlab.dev/behavior` (JSON or YAML):
//   {"containers": {"app": {"exitAfter": "5s", "exitCode": 1}}, "volumes": {"cache": {"usage": "2Gi"}}}
// Durations are Go durations; sizes are quantities. Everything defaults to a healthy app.
import { parse } from 'yaml';
import { parseDuration } from '../shared/clock.ts';
import { parseQuantityMilli } from './quantity.ts';
import type { Pod } from './types.ts';

export const BEHAVIOR_ANNOTATION = 'podlab.dev/behavior';

/** A probe's outcome over one container run, by time since the container started. */
export interface ProbeBehavior {
  /** Fails from this long after start (default: never). */
  readonly failAfterMs?: number;
  /** Passes only from this long after start (default: the app's startMs). */
  readonly passAfterMs?: number;
  /** Fails from failAfterMs until this long after start, then passes again. */
  readonly failUntilMs?: number;
  /** What a failure prints, e.g. "HTTP probe failed with statuscode: 500". */
  readonly output?: string;
}

export interface ContainerBehavior {
  /** The image cannot be pulled (ErrImagePull → ImagePullBackOff). */
  readonly imagePullFails: boolean;
  readonly pullMs: number;
  /** Time from start until the app answers probes. */
  readonly startMs: number;
  /** The process exits by itself this long after each start (undefined: runs until stopped). */
  readonly exitAfterMs?: number;
  readonly exitCode: number;
  /** Working-set memory in bytes; over the memory limit the kernel OOM-kills the container. */
  readonly memoryBytes: number;
  /** On SIGTERM the app exits after this long (undefined: ignores SIGTERM until SIGKILL). */
  readonly sigtermExitMs?: number;
  readonly sigtermExitCode: number;
  readonly postStartMs: number;
  readonly postStartFails: boolean;
  /** Only when the container has a preStop hook; a `sleep` handler's seconds win. */
  readonly preStopMs: number;
  readonly startup: ProbeBehavior;
  readonly liveness: ProbeBehavior;
  readonly readiness: ProbeBehavior;
}

export interface PodBehavior {
  readonly containers: ReadonlyMap<string, ContainerBehavior>;
  /** emptyDir usage in bytes by volume name. */
  readonly volumeUsageBytes: ReadonlyMap<string, number>;
  /** Problems found reading the annotation (the rest still applies). */
  readonly problems: readonly string[];
}

export const DEFAULT_BEHAVIOR: ContainerBehavior = {
  imagePullFails: false,
  pullMs: 2000,
  startMs: 0,
  exitCode: 0,
  // Small enough that no ordinary memory limit OOM-kills an app that did not ask for it.
  memoryBytes: 8 * 1024 * 1024,
  sigtermExitMs: 0,
  sigtermExitCode: 0,
  postStartMs: 0,
  postStartFails: false,
  preStopMs: 0,
  startup: {},
  liveness: {},
  readiness: {},
};

/**
 * Image references that name an image the lab treats as missing from every registry.
 * A fidelity note: the lab has no registry, so a name saying so is the only signal.
 */
const MISSING_IMAGE = /(^|[/:._-])(nonexistent|does-?not-?exist|no-?such-?image|missing-image)([/:._-]|$)/i;

export function imageLooksMissing(image: string | undefined): boolean {
  return !!image && MISSING_IMAGE.test(image);
}

type Raw = Record<string, unknown>;

function readMs(raw: Raw, key: string, problems: string[], where: string): number | undefined {
  const v = raw[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v * 1000;
  const ms = typeof v === 'string' ? parseDuration(v) : null;
  if (ms === null) {
    problems.push(`${where}.${key}: not a duration: ${JSON.stringify(v)}`);
    return undefined;
  }
  return ms;
}

function readBytes(raw: Raw, key: string, problems: string[], where: string): number | undefined {
  const v = raw[key];
  if (v === undefined || v === null) return undefined;
  const m = typeof v === 'string' || typeof v === 'number' ? parseQuantityMilli(v) : null;
  if (m === null || m < 0n) {
    problems.push(`${where}.${key}: not a quantity: ${JSON.stringify(v)}`);
    return undefined;
  }
  return Number(m / 1000n);
}

function readProbe(v: unknown, problems: string[], where: string): ProbeBehavior {
  if (v === undefined || v === null) return {};
  if (v === 'fail') return { failAfterMs: 0 };
  if (v === 'pass') return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    problems.push(`${where}: expected "pass", "fail" or an object`);
    return {};
  }
  const r = v as Raw;
  const out: { -readonly [K in keyof ProbeBehavior]: ProbeBehavior[K] } = {};
  const fa = readMs(r, 'failAfter', problems, where);
  const pa = readMs(r, 'passAfter', problems, where);
  const fu = readMs(r, 'failUntil', problems, where);
  if (fa !== undefined) out.failAfterMs = fa;
  if (pa !== undefined) out.passAfterMs = pa;
  if (fu !== undefined) out.failUntilMs = fu;
  if (typeof r['output'] === 'string') out.output = r['output'];
  return out;
}

function readContainer(raw: unknown, image: string | undefined, problems: string[], where: string): ContainerBehavior {
  const base: ContainerBehavior = { ...DEFAULT_BEHAVIOR, imagePullFails: imageLooksMissing(image) };
  if (raw === undefined || raw === null) return base;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${where}: expected an object`);
    return base;
  }
  const r = raw as Raw;
  const num = (k: string, d: number) => {
    const v = r[k];
    if (v === undefined) return d;
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    problems.push(`${where}.${k}: expected an integer`);
    return d;
  };
  const sigterm = r['ignoreSigterm'] === true ? undefined : (readMs(r, 'sigtermExitAfter', problems, where) ?? base.sigtermExitMs);
  const exitAfter = readMs(r, 'exitAfter', problems, where);
  return {
    imagePullFails: r['imagePull'] === 'fail' ? true : r['imagePull'] === 'ok' ? false : base.imagePullFails,
    pullMs: readMs(r, 'pullTime', problems, where) ?? base.pullMs,
    startMs: readMs(r, 'startTime', problems, where) ?? base.startMs,
    ...(exitAfter !== undefined ? { exitAfterMs: exitAfter } : {}),
    exitCode: num('exitCode', base.exitCode),
    memoryBytes: readBytes(r, 'memory', problems, where) ?? base.memoryBytes,
    ...(sigterm !== undefined ? { sigtermExitMs: sigterm } : {}),
    sigtermExitCode: num('sigtermExitCode', base.sigtermExitCode),
    postStartMs: readMs(r, 'postStartTime', problems, where) ?? base.postStartMs,
    postStartFails: r['postStart'] === 'fail',
    preStopMs: readMs(r, 'preStopTime', problems, where) ?? base.preStopMs,
    startup: readProbe(r['startupProbe'], problems, `${where}.startupProbe`),
    liveness: readProbe(r['livenessProbe'], problems, `${where}.livenessProbe`),
    readiness: readProbe(r['readinessProbe'], problems, `${where}.readinessProbe`),
  };
}

/** Reads the behavior annotation of a pod; a container without an entry behaves healthily. */
export function readPodBehavior(pod: Pod): PodBehavior {
  const problems: string[] = [];
  const text = (pod.metadata.annotations as Record<string, string> | undefined)?.[BEHAVIOR_ANNOTATION];
  let raw: Raw = {};
  if (text !== undefined) {
    try {
      // JSON (what the lab writes) parses fast; YAML is the fallback a user may type.
      let v: unknown;
      try {
        v = JSON.parse(String(text));
      } catch {
        v = parse(String(text));
      }
      if (v && typeof v === 'object' && !Array.isArray(v)) raw = v as Raw;
      else problems.push(`${BEHAVIOR_ANNOTATION}: expected an object`);
    } catch (e) {
      problems.push(`${BEHAVIOR_ANNOTATION}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const rawContainers = (raw['containers'] && typeof raw['containers'] === 'object' ? raw['containers'] : {}) as Raw;
  const containers = new Map<string, ContainerBehavior>();
  for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
    containers.set(c.name, readContainer(rawContainers[c.name], c.image, problems, `${BEHAVIOR_ANNOTATION}: containers.${c.name}`));
  }
  const volumeUsageBytes = new Map<string, number>();
  const rawVolumes = (raw['volumes'] && typeof raw['volumes'] === 'object' ? raw['volumes'] : {}) as Raw;
  for (const [name, v] of Object.entries(rawVolumes)) {
    if (v && typeof v === 'object') {
      const b = readBytes(v as Raw, 'usage', problems, `${BEHAVIOR_ANNOTATION}: volumes.${name}`);
      if (b !== undefined) volumeUsageBytes.set(name, b);
    }
  }
  return { containers, volumeUsageBytes, problems };
}

/** Whether a probe passes at `sinceStartMs` into the run; the app must be up first. */
export function probePasses(p: ProbeBehavior, appStartMs: number, sinceStartMs: number): boolean {
  if (sinceStartMs < (p.passAfterMs ?? appStartMs)) return false;
  if (p.failAfterMs !== undefined && sinceStartMs >= p.failAfterMs) {
    return p.failUntilMs !== undefined && sinceStartMs >= p.failUntilMs;
  }
  return true;
}
