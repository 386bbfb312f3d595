// Probe defaults and results: pkg/apis/core/v1/defaults.go SetDefaults_Probe and
// pkg/kubelet/prober/worker.go doProbe (thresholds, initial results, messages).
import type { Probe } from './types.ts';

export type ProbeType = 'startup' | 'liveness' | 'readiness';

export interface ProbeSettings {
  readonly initialDelayMs: number;
  readonly periodMs: number;
  readonly timeoutMs: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
  readonly terminationGracePeriodMs?: number;
}

/** Defaults: period 10 s, timeout 1 s, success 1, failure 3, initial delay 0. */
export function probeSettings(p: Probe): ProbeSettings {
  return {
    initialDelayMs: (p.initialDelaySeconds ?? 0) * 1000,
    periodMs: Math.max(1, p.periodSeconds ?? 10) * 1000,
    timeoutMs: Math.max(1, p.timeoutSeconds ?? 1) * 1000,
    successThreshold: Math.max(1, p.successThreshold ?? 1),
    failureThreshold: Math.max(1, p.failureThreshold ?? 3),
    ...(p.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodMs: p.terminationGracePeriodSeconds * 1000 } : {}),
  };
}

/** The result a worker starts with: readiness Failure, liveness Success, startup Unknown. */
export function initialProbeResult(t: ProbeType): 'success' | 'failure' | 'unknown' {
  return t === 'readiness' ? 'failure' : t === 'liveness' ? 'success' : 'unknown';
}

/** What a failed probe prints in the Unhealthy event, by handler (prober/http, tcp, exec). */
export function probeFailureOutput(p: Probe, podIP: string | null, custom?: string): string {
  if (custom !== undefined) return custom;
  if (p.httpGet) return 'HTTP probe failed with statuscode: 500';
  if (p.tcpSocket) return `dial tcp ${podIP ?? '<none>'}:${String(p.tcpSocket.port)}: connect: connection refused`;
  if (p.grpc) return `timeout: failed to connect service ":${p.grpc.port}" within 1s`;
  if (p.exec) return `command ${JSON.stringify((p.exec.command ?? []).join(' '))} exited with 1`;
  return 'probe failed';
}

export function probeLabel(t: ProbeType): string {
  return t === 'startup' ? 'Startup' : t === 'liveness' ? 'Liveness' : 'Readiness';
}
