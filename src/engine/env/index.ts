// Public face of engine/env: the environment the kubelet gives a container.
export { expand, mappingFuncFor, type Mapping } from './expand.ts';
export { fromServices, getServiceEnvVars, makeEnvVariableName, serviceForEnv, isServiceIPSet, type EnvVar, type ServiceForEnv } from './serviceEnvVars.ts';
export { podFieldSelectorRuntimeValue, containerResourceRuntimeValue, EnvResolveError, type PodRuntimeInfo } from './downwardApi.ts';
export {
  makeEnvironmentVariables,
  type EnvContext,
  type EnvResult,
  type EnvSource,
  type KubeletEvent,
  type ResolvedEnvVar,
} from './makeEnvironmentVariables.ts';
export { resolveContainerEnv, resolvePodEnv, expandCommandAndArgs, findPod, type ResolveEnvOptions, type ResolveEnvResult } from './resolveContainerEnv.ts';
