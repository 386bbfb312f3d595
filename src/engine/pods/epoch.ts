// The lab epoch in Unix ms, so kubectl-style ages can be computed from RFC 3339 timestamps.
import { LAB_EPOCH_ISO } from '../shared/clock.ts';

export const EPOCH_MS = Date.parse(LAB_EPOCH_ISO);
