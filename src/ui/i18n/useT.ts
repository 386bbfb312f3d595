import { useMemo } from 'react';
import { useAppState } from '../useAppState.ts';
import { translator, type Translate } from './translate.ts';

export function useT(): Translate {
  const lang = useAppState((s) => s.language);
  return useMemo(() => translator(lang), [lang]);
}
