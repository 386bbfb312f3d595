// Three resizable panes — YAML · diagram · inspector — under one toolbar (DESIGN.md "The UI").
// The editor and the diagram are lazy chunks: Monaco alone is most of the bundle.
import { lazy, Suspense, useEffect } from 'react';
import { useT } from './i18n/useT.ts';
import { Inspector } from './inspector/Inspector.tsx';
import { Splitter } from './layout/Splitter.tsx';
import { StaleBanner } from './layout/StaleBanner.tsx';
import { Toolbar } from './toolbar/Toolbar.tsx';
import { useAppState } from './useAppState.ts';

const ManifestEditor = lazy(() => import('./editor/ManifestEditor.tsx'));
const ClusterDiagram = lazy(() => import('./diagram/ClusterDiagram.tsx'));

export function App() {
  const t = useT();
  const theme = useAppState((s) => s.theme);
  const language = useAppState((s) => s.language);
  const [a, b, c] = useAppState((s) => s.paneSizes);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t('app.title')} — ${t('app.tagline')}`;
  }, [language, t]);

  return (
    <div className="app">
      <Toolbar />
      <main className="panes" style={{ gridTemplateColumns: `${a}fr 6px ${b}fr 6px ${c}fr` }}>
        <section className="pane pane-yaml" aria-label={t('pane.yaml')}>
          <h2 className="pane-title">{t('pane.yaml')}</h2>
          <div className="pane-body">
            <Suspense fallback={<div className="pane-placeholder">{t('editor.loading')}</div>}><ManifestEditor /></Suspense>
          </div>
        </section>
        <Splitter index={0} label={t('pane.resizeYaml')} />
        <section className="pane pane-diagram" aria-label={t('pane.diagram')}>
          <h2 className="pane-title">{t('pane.diagram')}</h2>
          <div className="pane-body diagram-body">
            <StaleBanner />
            <Suspense fallback={null}><ClusterDiagram /></Suspense>
          </div>
        </section>
        <Splitter index={1} label={t('pane.resizeInspector')} />
        <div className="pane pane-inspector"><Inspector /></div>
      </main>
    </div>
  );
}
