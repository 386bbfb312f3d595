import { appendToEditor, editorText, expect, openLab, test } from './fixtures.ts';

const EXTRA = [
  '',
  '---',
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: e2e-api-1, namespace: default, labels: {app: e2e-api}}',
  'spec: {containers: [{name: c, image: busybox}]}',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: e2e-api, namespace: default}',
  'spec: {selector: {app: e2e-api}, ports: [{port: 8080}]}',
  '',
].join('\n');

test('the default scenario loads and draws Nodes, Pods and Services', async ({ page }) => {
  await openLab(page);
  await expect(page.getByTestId('node-group').first()).toBeVisible();
  expect(await page.getByTestId('pod-node').count()).toBeGreaterThan(0);
  expect(await page.getByTestId('service-node').count()).toBeGreaterThan(0);
  expect(await page.locator('.react-flow__edge').count()).toBeGreaterThan(0);
});

test('adding a Service in the editor adds it to the diagram with edges to its endpoints', async ({ page }) => {
  await openLab(page);
  const edgesBefore = await page.locator('.react-flow__edge').count();
  await appendToEditor(page, EXTRA);
  const svc = page.getByTestId('service-node').filter({ hasText: 'e2e-api' });
  await expect(svc).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('.react-flow__edge[data-id^="Service/default/e2e-api->"]')).toHaveCount(1);
  expect(await page.locator('.react-flow__edge').count()).toBe(edgesBefore + 1);
  // click selects everywhere: the inspector shows it
  await svc.click();
  await expect(page.getByTestId('kubectl-get')).toContainText('e2e-api');
});

test('a syntax error shows a marker and keeps the last good diagram with the stale banner', async ({ page }) => {
  await openLab(page);
  const pods = await page.getByTestId('pod-node').count();
  await appendToEditor(page, '\n---\nkind: [broken\n');
  const banner = page.getByTestId('stale-banner');
  await expect(banner).toBeVisible({ timeout: 10_000 });
  await expect(banner).toContainText(/line \d+/);
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  expect(await page.getByTestId('pod-node').count()).toBe(pods);
  // the Problems tab lists it and jumps to the line
  await page.getByRole('tab', { name: /Problems/ }).click();
  await expect(page.getByRole('button', { name: /Go to line \d+/ }).first()).toBeVisible();
});

test('reload restores the edited text', async ({ page }) => {
  await openLab(page);
  await appendToEditor(page, EXTRA);
  await expect(page.getByTestId('service-node').filter({ hasText: 'e2e-api' })).toBeVisible();
  await expect.poll(() => editorText(page)).toContain('e2e-api');
  await page.reload();
  await expect(page.getByTestId('service-node').filter({ hasText: 'e2e-api' })).toBeVisible({ timeout: 20_000 });
  // Monaco renders only visible lines: scroll to the end, where the edit was.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('e2e-api');
});

test('the permalink restores a scenario', async ({ page, context }) => {
  await openLab(page);
  await appendToEditor(page, EXTRA);
  await expect(page.getByTestId('service-node').filter({ hasText: 'e2e-api' })).toBeVisible();
  await page.getByRole('button', { name: 'Copy permalink' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Link/ })).toBeVisible();
  const url = page.url();
  expect(url).toMatch(/#s1=[A-Za-z0-9_-]+$/);
  // a fresh browser profile (no autosave) opens the link
  const fresh = await context.browser()!.newContext();
  const p2 = await fresh.newPage();
  await p2.goto(url);
  await expect(p2.getByTestId('service-node').filter({ hasText: 'e2e-api' })).toBeVisible({ timeout: 20_000 });
  await expect(p2).not.toHaveURL(/#s1=/);
  await fresh.close();
});

test('the language switch changes the UI text', async ({ page }) => {
  await openLab(page);
  await expect(page.getByRole('tab', { name: 'Object' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(page.getByRole('tab', { name: '对象' })).toBeVisible();
  await expect(page.getByRole('button', { name: '复制永久链接' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('the proxy-mode switch edits the KubeProxyConfiguration in the YAML', async ({ page }) => {
  await openLab(page);
  await page.getByRole('radio', { name: 'ipvs' }).click();
  await expect(page.getByRole('radio', { name: 'ipvs' })).toHaveAttribute('aria-checked', 'true');
  await expect.poll(() => editorText(page)).toMatch(/kind: KubeProxyConfiguration[\s\S]*mode: ipvs/);
});

test('every button and control has an accessible name', async ({ page }) => {
  await openLab(page);
  for (const role of ['button', 'tab', 'radio', 'combobox', 'separator'] as const) {
    const all = page.getByRole(role);
    const n = await all.count();
    for (let i = 0; i < n; i++) {
      const el = all.nth(i);
      const name = (await el.getAttribute('aria-label')) ?? (await el.innerText()).trim() ?? '';
      const title = await el.getAttribute('title');
      expect(name || title, `${role} #${i}: ${await el.evaluate((e) => e.outerHTML.slice(0, 120))}`).toBeTruthy();
    }
  }
});

test('clicking an object in the YAML selects it in the diagram and the inspector', async ({ page }) => {
  await openLab(page);
  await appendToEditor(page, EXTRA);
  await expect(page.getByTestId('service-node').filter({ hasText: 'e2e-api' })).toBeVisible();
  // the cursor is at the end, inside the new Service; click on its kind line
  await page.locator('.monaco-editor .view-line').filter({ hasText: 'metadata: {name: e2e-api, namespace' }).click();
  await expect(page.getByTestId('kubectl-get')).toContainText('e2e-api');
  await expect(page.locator('.react-flow__node.selected')).toContainText('e2e-api');
});

test('undo in the editor reverts a proxy-mode switch', async ({ page }) => {
  await openLab(page);
  await page.getByRole('radio', { name: 'ipvs' }).click();
  await expect(page.getByRole('radio', { name: 'ipvs' })).toHaveAttribute('aria-checked', 'true');
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByRole('radio', { name: 'iptables' })).toHaveAttribute('aria-checked', 'true');
});

test('a 10 MB paste does not freeze the page', async ({ page }) => {
  await openLab(page);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  // A real paste (a ClipboardEvent into Monaco's edit context): keyboard.insertText of 10 MB is
  // far slower than a paste and would measure Playwright, not the lab.
  const length = await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.longest = Math.max(w.longest, e.duration); }).observe({ type: 'longtask' });
    const big = `\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: default}\ndata:\n${Array.from({ length: 200_000 }, (_, i) => `  k${i}: "${'x'.repeat(38)}"`).join('\n')}\n`;
    const dt = new DataTransfer();
    dt.setData('text/plain', big);
    const target = document.querySelector('.monaco-editor .native-edit-context') ?? document.activeElement!;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    return big.length;
  });
  expect(length).toBeGreaterThan(10_000_000);
  await expect(page.locator('.monaco-editor .view-line').filter({ hasText: 'k199999' })).toBeVisible();
  // The page answers at once while the worker parses: typing, tabs.
  await page.keyboard.insertText('# still typing');
  await page.getByRole('tab', { name: 'Problems' }).click();
  await expect(page.getByRole('tab', { name: 'Problems' })).toHaveAttribute('aria-selected', 'true');
  // The rest of the page answers too: the diagram still selects.
  await page.getByTestId('service-node').first().click();
  await page.getByRole('tab', { name: 'Object' }).click();
  await expect(page.getByTestId('kubectl-get')).toContainText('NAME');
  const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  console.log(`10 MB paste: longest main-thread task ${Math.round(longest)} ms`);
});

test('monaco-yaml validates against the bundled Kubernetes schema, offline', async ({ page }) => {
  await openLab(page);
  await appendToEditor(page, [
    '', '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: schema-check}',
    'spec: {containers: [{name: c, image: busybox, imagePullPolice: Always}]}', '',
  ].join('\n'));
  const line = page.locator('.monaco-editor .view-line').filter({ hasText: 'imagePullPolice' });
  await expect(line).toBeVisible();
  await expect(page.locator('.monaco-editor .squiggly-warning').first()).toBeAttached({ timeout: 15_000 });
  await line.getByText('imagePullPolice').hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'imagePullPolice is not allowed' }).first()).toBeVisible({ timeout: 10_000 });
  // and the Problems tab lists it beside the engine's findings
  await page.getByRole('tab', { name: /Problems/ }).click();
  await expect(page.getByRole('button', { name: /Go to line \d+: Property imagePullPolice is not allowed/ })).toBeVisible();
});

test('reset to scenario brings back the scenario text', async ({ page }) => {
  await openLab(page);
  const reset = page.getByRole('button', { name: 'Reset to scenario' });
  await expect(reset).toBeDisabled();
  await appendToEditor(page, EXTRA);
  await expect(page.getByTestId('service-node').filter({ hasText: 'e2e-api' })).toBeVisible();
  await expect(reset).toBeEnabled();
  await reset.click();
  await expect(page.getByTestId('service-node').filter({ hasText: 'e2e-api' })).toHaveCount(0);
  await expect(reset).toBeDisabled();
});

test('the diagram can be used from the keyboard: focus a Pod, Enter selects it', async ({ page }) => {
  await openLab(page);
  const pod = page.locator('.react-flow__node-pod').first();
  const name = (await pod.getByTestId('pod-node').getAttribute('title'))!.replace(/^Pod \S+?\//, '');
  await pod.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('kubectl-get')).toContainText(name);
});
