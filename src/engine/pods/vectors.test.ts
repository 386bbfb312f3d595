// Every case of ../shared/vectors/pod/*.json through the engine's pure functions, compared the
// way vectors/README.md describes (answers are read from the vector, never from the code).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computePodQOS } from './computeQOS.ts';
import { generateContainersReadyCondition, generatePodInitializedCondition, generatePodReadyCondition } from './conditions.ts';
import { allContainerStatuses, getPhase } from './getPhase.ts';
import { printPod } from './printPod.ts';
import { parseComparators, rankForEviction, type PodUsage } from './rankForEviction.ts';
import type { ContainerStatus, Pod, PodCondition, PodSpec } from './types.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- vector JSON
type Case = Record<string, any>;
function load(name: string): { cases: Case[]; now?: string } {
  return JSON.parse(readFileSync(new URL(`../../../../shared/vectors/pod/${name}`, import.meta.url), 'utf8'));
}
const label = (c: Case, i: number) => `${i}: ${c.test ?? ''} ${c.name ?? c.conditionType ?? ''}`;

describe('pod-phase vectors (kubelet getPhase)', () => {
  const { cases } = load('phase.json');
  it.each(cases.map((c, i) => [label(c, i), c] as const))('%s', (_n, c) => {
    const pod = c.pod as Pod;
    const actual = getPhase(pod, allContainerStatuses(pod), {
      podIsTerminal: c.podIsTerminal,
      podHasInitialized: c.podHasInitialized,
      containerRestartRules: c.featureGates?.ContainerRestartRules === true,
    });
    expect(actual, JSON.stringify(pod.status)).toBe(c.expectedPhase);
  });
});

describe('pod-qos vectors (ComputePodQOS)', () => {
  const { cases } = load('qos.json');
  it.each(cases.map((c, i) => [label(c, i), c] as const))('%s', (_n, c) => {
    expect(computePodQOS(c.pod.spec, { podLevelResources: c.featureGates?.PodLevelResources === true }), JSON.stringify(c.pod.spec)).toBe(c.expectedQOS);
  });
});

describe('kubectl-status vectors (printPod)', () => {
  const doc = load('kubectl-status.json');
  const now = Date.parse(doc.now as string);
  it.each(doc.cases.map((c, i) => [label(c, i), c] as const))('%s', (_n, c) => {
    const row = printPod(c.pod as Pod, now);
    const evidence = JSON.stringify(c.pod.status);
    expect(row.status, evidence).toBe(c.expectedStatusColumn);
    expect(row.ready, evidence).toBe(c.expectedReady);
    expect(row.restarts, evidence).toBe(c.expectedRestarts);
    if (c.expectedWide) expect({ ip: row.ip, node: row.node, nominatedNode: row.nominatedNode, readinessGates: row.readinessGates }).toEqual(c.expectedWide);
  });
});

describe('eviction-order vectors (orderedBy)', () => {
  const { cases } = load('eviction-order.json');
  it.each(cases.map((c, i) => [label(c, i), c] as const))('%s', (_n, c) => {
    const comparators = (c.comparators as string[]).flatMap((t) => parseComparators(t) ?? []);
    expect(comparators.length).toBeGreaterThanOrEqual((c.comparators as string[]).length);
    const pods = (c.pods as Case[]).map((p) => ({ pod: p.pod as Pod, usage: p.usage as PodUsage | undefined }));
    expect(rankForEviction(pods, comparators).map((p) => p.pod.metadata.name)).toEqual(c.expectedOrder);
  });
});

describe('pod-conditions vectors (generate.go)', () => {
  const { cases } = load('conditions.json');
  it.each(cases.map((c, i) => [label(c, i), c] as const))('%s', (_n, c) => {
    const spec = c.podSpec as PodSpec;
    const statuses = c.containerStatuses as ContainerStatus[] | null;
    const existing = (c.existingConditions ?? []) as PodCondition[];
    const cond =
      c.conditionType === 'ContainersReady'
        ? generateContainersReadyCondition(spec, statuses, c.podPhase)
        : c.conditionType === 'Ready'
          ? generatePodReadyCondition(spec, existing, statuses, c.podPhase)
          : generatePodInitializedCondition(spec, statuses, c.podPhase);
    const e = c.expected;
    expect(cond.type).toBe(e.type);
    expect(cond.status).toBe(e.status);
    expect(cond.reason ?? '').toBe(e.reason ?? '');
    if (e.message !== undefined && c.conditionType !== 'Initialized') expect(cond.message ?? '').toBe(e.message);
  });
});
