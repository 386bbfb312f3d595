// The YAML pane. Text flows one way into the store (`setText`); outside replacements (scenario,
// permalink, proxy-mode switch) come back through the `value` prop, which @monaco-editor/react
// applies as an edit, so Monaco's undo covers them too. Engine diagnostics become markers (owner
// `podlab`); selecting an object elsewhere reveals and highlights its lines here.
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useMemo, useRef } from 'react';
import { EDITOR_FILE } from '../../store/editorSlice.ts';
import { objectAtLine, objectLineRanges } from '../../store/objectRanges.ts';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import { diagnosticsToMarkers } from './diagnosticsToMarkers.ts';
import { monaco } from './monacoSetup.ts';
import type * as Monaco from 'monaco-editor';

type CodeEditor = Parameters<OnMount>[0];

const severities = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

export default function ManifestEditor() {
  const store = useAppStore();
  const t = useT();
  const text = useAppState((s) => s.text);
  const theme = useAppState((s) => s.theme);
  const diagnostics = useAppState((s) => s.diagnostics);
  const snapshot = useAppState((s) => s.snapshot);
  const selected = useAppState((s) => s.selected);
  const selectionVersion = useAppState((s) => s.selectionVersion);
  const reveal = useAppState((s) => s.reveal);
  const editorRef = useRef<CodeEditor | null>(null);
  const decorations = useRef<Monaco.editor.IEditorDecorationsCollection | null>(null);

  const ranges = useMemo(() => (snapshot ? objectLineRanges(snapshot, text, EDITOR_FILE) : new Map()), [snapshot, text]);
  const generated = useMemo(() => new Set(snapshot?.objects.filter((o) => o.generatedBy).map((o) => o.key) ?? []), [snapshot]);
  const rangesRef = useRef({ ranges, generated });
  rangesRef.current = { ranges, generated };

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    decorations.current = editor.createDecorationsCollection();
    // A click in the YAML selects the object written there (diagram and inspector follow).
    editor.onDidChangeCursorPosition((e) => {
      if (e.source !== 'mouse') return;
      const key = objectAtLine(rangesRef.current.ranges, e.position.lineNumber, rangesRef.current.generated);
      if (key && key !== store.getState().selected) store.getState().select(key, 'editor');
    });
  };

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(model, 'podlab', diagnosticsToMarkers(diagnostics, EDITOR_FILE, severities, model.getLineCount()));
  }, [diagnostics, text]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const r = selected ? ranges.get(selected) : undefined;
    decorations.current?.set(r ? [{
      range: new monaco.Range(r.startLine, 1, r.endLine, 1),
      options: { isWholeLine: true, className: 'podlab-selected-lines', linesDecorationsClassName: 'podlab-selected-gutter' },
    }] : []);
    if (r && store.getState().selectionOrigin !== 'editor') editor.revealLinesInCenterIfOutsideViewport(r.startLine, r.endLine);
    // selectionVersion: re-selecting the same object reveals it again.
  }, [selected, selectionVersion, ranges, store]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !reveal) return;
    editor.revealLineInCenter(reveal.line);
    editor.setPosition({ lineNumber: reveal.line, column: reveal.col });
    editor.focus();
  }, [reveal]);

  return (
    <Editor
      path={`file:///${EDITOR_FILE}`}
      defaultLanguage="yaml"
      value={text}
      theme={theme === 'dark' ? 'vs-dark' : 'vs'}
      onChange={(v) => store.getState().setText(v ?? '', 'user')}
      onMount={onMount}
      loading={<div className="pane-placeholder">{t('editor.loading')}</div>}
      options={{
        ariaLabel: t('editor.label'),
        minimap: { enabled: false },
        fontSize: 13,
        lineHeight: 20,
        tabSize: 2,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        renderLineHighlight: 'line',
        padding: { top: 8 },
        quickSuggestions: { other: true, comments: false, strings: true },
      }}
    />
  );
}
