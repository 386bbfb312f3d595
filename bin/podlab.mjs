#!/usr/bin/env node
// `podlab`: the CLI runs the engine's TypeScript sources directly through tsx, so there is no
// separate build step between a change to the engine and the CLI that tests it.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
