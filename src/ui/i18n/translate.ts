import type { Language } from '../../store/uiSlice.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { zh } from './zh.ts';

export const catalogs: { readonly [L in Language]: Messages } = { en, zh };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Language): Translate {
  const cat = catalogs[lang];
  return (key, vars) => {
    const s = cat[key];
    return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
  };
}
