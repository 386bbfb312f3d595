// Public face of engine/pods.
export {};
