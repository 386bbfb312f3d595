import { useMemo } from 'react';
import { EDITOR_FILE } from '../../store/editorSlice.ts';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';

export function useProblemCount(): number {
  return useAppState((s) => [...s.diagnostics, ...s.schemaProblems].filter((d) => d.severity !== 'info').length + (s.engineError ? 1 : 0));
}

export function ProblemsTab() {
  const t = useT();
  const store = useAppStore();
  const engineDiagnostics = useAppState((s) => s.diagnostics);
  const schemaProblems = useAppState((s) => s.schemaProblems);
  // Engine findings first (they decide whether the diagram is current), then the schema's.
  const diagnostics = useMemo(() => [...engineDiagnostics, ...schemaProblems], [engineDiagnostics, schemaProblems]);
  const engineError = useAppState((s) => s.engineError);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (!diagnostics.length && !engineError) return <p className="empty-note">{t('problems.none')}</p>;
  return (
    <div className="problems-tab">
      <p className="muted">{t('problems.count', { errors, warnings })}</p>
      {engineError && <p className="problem error">{t('stale.engine', { error: engineError })}</p>}
      <ul className="problem-list">
        {diagnostics.map((d, i) => {
          const line = d.pos?.file === EDITOR_FILE ? d.pos.line : null;
          const text = `${d.object ? `${d.object}: ` : ''}${d.message}${d.path ? ` (${d.path})` : ''}`;
          return (
            <li key={i} className={`problem ${d.severity}`}>
              <span className={`sev sev-${d.severity}`}>{d.severity}</span>
              {line !== null ? (
                <button type="button" className="link problem-jump" aria-label={t('problems.jump', { line, message: d.message })}
                  onClick={() => store.getState().revealAt(line, d.pos?.col ?? 1)}>
                  <span className="mono">{EDITOR_FILE}:{line}:{d.pos?.col}</span> {text}
                </button>
              ) : <span>{text}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
