// The YAML pane. Text flows one way into the store (`setText`); outside replacements (scenario,
// permalink, proxy-mode switch) are applied as edits, so Monaco's undo covers them too. Engine diagnostics become markers (owner
// `podlab`); selecting an object elsewhere reveals and highlights its lines here.
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../engine/shared/diagnostics.ts';
import { EDITOR_FILE } from '../../store/editorSlice.ts';
import { objectAtLine, objectLineRanges, type LineRange } from '../../store/objectRanges.ts';
import { useT } from '../i18n/useT.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import { diagnosticsToMarkers } from './diagnosticsToMarkers.ts';
import { monaco } from './monacoSetup.ts';
import type * as Monaco from 'monaco-editor';

type CodeEditor = Parameters<OnMount>[0];

const BIG_TEXT = 2 * 1024 * 1024;

const severities = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

function markerToDiagnostic(m: Monaco.editor.IMarker): Diagnostic {
  const severity = m.severity >= monaco.MarkerSeverity.Error ? 'error' : m.severity >= monaco.MarkerSeverity.Warning ? 'warning' : 'info';
  return { severity, message: m.message, object: 'schema', pos: { file: EDITOR_FILE, line: m.startLineNumber, col: m.startColumn } };
}

export default function ManifestEditor() {
  const store = useAppStore();
  const t = useT();
  const textVersion = useAppState((s) => s.textVersion);
  const theme = useAppState((s) => s.theme);
  const diagnostics = useAppState((s) => s.diagnostics);
  const snapshot = useAppState((s) => s.snapshot);
  const selected = useAppState((s) => s.selected);
  const selectionVersion = useAppState((s) => s.selectionVersion);
  const reveal = useAppState((s) => s.reveal);
  const editorRef = useRef<CodeEditor | null>(null);
  const decorations = useRef<Monaco.editor.IEditorDecorationsCollection | null>(null);

  // Object line ranges scan the whole text: computed only when a selection or a click needs them,
  // never per keystroke (a 10 MB paste stays responsive).
  const rangesCache = useRef<{ snapshot: unknown; text: string; ranges: Map<string, LineRange>; generated: Set<string> } | null>(null);
  const getRanges = () => {
    const s = store.getState();
    const c = rangesCache.current;
    if (c && c.snapshot === s.snapshot && c.text === s.text) return c;
    const next = {
      snapshot: s.snapshot, text: s.text,
      ranges: s.snapshot ? objectLineRanges(s.snapshot, s.text, EDITOR_FILE) : new Map<string, LineRange>(),
      generated: new Set(s.snapshot?.objects.filter((o) => o.generatedBy).map((o) => o.key) ?? []),
    };
    rangesCache.current = next;
    return next;
  };

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    // monaco-yaml's schema findings join the engine's in the Problems tab.
    const markers = monaco.editor.onDidChangeMarkers((uris) => {
      const model = editor.getModel();
      if (!model || !uris.some((u) => u.toString() === model.uri.toString())) return;
      store.getState().setSchemaProblems(monaco.editor.getModelMarkers({ owner: 'yaml', resource: model.uri }).map(markerToDiagnostic));
    });
    editor.onDidDispose(() => markers.dispose());
    decorations.current = editor.createDecorationsCollection();
    // The text may have arrived (scenario fetch) while Monaco was loading.
    if (editor.getValue() !== store.getState().text) editor.setValue(store.getState().text);
    // A click in the YAML selects the object written there (diagram and inspector follow).
    editor.onDidChangeCursorPosition((e) => {
      if (e.source !== 'mouse') return;
      const { ranges, generated } = getRanges();
      const key = objectAtLine(ranges, e.position.lineNumber, generated);
      if (key && key !== store.getState().selected) store.getState().select(key, 'editor');
    });
  };

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    // Past 2 MB, Monaco's main-thread Monarch tokenizer and monaco-yaml's validation cost seconds
    // per change (measured on a 10 MB paste); plain text keeps the page responsive, and the engine
    // still validates in its worker.
    const language = model.getValueLength() > BIG_TEXT ? 'plaintext' : 'yaml';
    if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
    monaco.editor.setModelMarkers(model, 'podlab', diagnosticsToMarkers(diagnostics, EDITOR_FILE, severities, model.getLineCount()));
  }, [diagnostics, textVersion]);

  // Outside replacements (scenario, permalink, proxy-mode switch) become one undoable edit. The
  // user's own typing is not echoed back: the editor is uncontrolled, so no per-keystroke compare
  // of the whole text.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    const s = store.getState();
    if (!editor || !model || s.textOrigin === 'user' || model.getValue() === s.text) return;
    editor.pushUndoStop();
    editor.executeEdits('podlab', [{ range: model.getFullModelRange(), text: s.text, forceMoveMarkers: true }]);
    editor.pushUndoStop();
  }, [textVersion, store]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const r = selected ? getRanges().ranges.get(selected) : undefined;
    decorations.current?.set(r ? [{
      range: new monaco.Range(r.startLine, 1, r.endLine, 1),
      options: { isWholeLine: true, className: 'podlab-selected-lines', linesDecorationsClassName: 'podlab-selected-gutter' },
    }] : []);
    if (r && store.getState().selectionOrigin !== 'editor') editor.revealLinesInCenterIfOutsideViewport(r.startLine, r.endLine);
    // selectionVersion: re-selecting the same object reveals it again.
    // getRanges reads the store; a new snapshot re-applies the highlight.
  }, [selected, selectionVersion, snapshot, store]);

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
      defaultValue={store.getState().text}
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
        stickyScroll: { enabled: false },
        padding: { top: 8 },
        quickSuggestions: { other: true, comments: false, strings: true },
      }}
    />
  );
}
