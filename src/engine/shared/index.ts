export * from './ip.ts';
export * from './random.ts';
export * from './clock.ts';
export * from './assertNever.ts';
export * from './diagnostics.ts';
