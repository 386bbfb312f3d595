import { memo } from 'react';
import { tokenizeRule } from './tokenizeRule.ts';

/** One dump line with syntax colouring (token kinds map to CSS classes in rules.css). */
export const RuleText = memo(function RuleText({ text }: { text: string }) {
  return <>{tokenizeRule(text).map((t, i) => (t.kind === 'text' ? t.text : <span key={i} className={`tok-${t.kind}`}>{t.text}</span>))}</>;
});
