// Where the Pod lifecycle simulation simplifies upstream, said plainly so the UI can show it
// (DESIGN.md, "Fidelity first"). Each note names what upstream does.

export interface FidelityNote {
  readonly topic: string;
  readonly note: string;
}

export const POD_FIDELITY_NOTES: readonly FidelityNote[] = [
  {
    topic: 'application behaviour',
    note: 'What runs inside a container (run time, exit code, memory, probe answers, SIGTERM handling) comes from the podlab.dev/behavior annotation; without it an app starts at once, passes every probe and exits 0 on SIGTERM.',
  },
  {
    topic: 'images',
    note: 'There is no registry: a reference that does not parse is InvalidImageName as upstream; an image is missing only when its name says so (nonexistent, does-not-exist, no-such-image, missing-image) or the behavior says imagePull: fail. A pull takes 2 s.',
  },
  {
    topic: 'kubelet timing',
    note: 'The kubelet notices an exit on a 1 s relist (PLEG) and retries a failed sync after 10 s without jitter; sandbox creation takes 1 s; probe workers tick from container start (no start-up jitter). Back-off windows are exact: 10 s doubling to 300 s, forgotten after 10 min.',
  },
  {
    topic: 'events',
    note: 'While a container backs off, BackOff is recorded every 10 s (the pod worker\'s retry period, without its jitter), so counts grow as kubectl shows them.',
  },
  {
    topic: 'node pressure',
    note: 'The eviction manager watches memory.available (hard threshold from KubeletConfiguration, default 100Mi) and emptyDir sizeLimit every 10 s, and right after the evicted pod’s containers have stopped (waitForPodsCleanup); an evicted pod frees its working set. Disk and PID signals are ranked by rankForEviction but the simulation does not generate them. Node conditions and taints are not written to the Node objects.',
  },
  {
    topic: 'node failure',
    note: 'node.unreachable stops the kubelet for that node (nothing it would do is seen until node.ready); the node controller marks pods Ready=False after 50 s and taint eviction deletes them after their toleration. Rate limits and zone disruption modes are not modelled.',
  },
  {
    topic: 'not modelled',
    note: 'CreateContainerConfigError (missing ConfigMap/Secret), kubelet admission rejections (the cluster pipeline reports OutOf*), graceful node shutdown, in-place resize, ephemeral containers, the alpha ContainerRestartRules gate in the machine (getPhase supports it).',
  },
];
