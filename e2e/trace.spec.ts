// The Trace tab end to end: the default scenario's client Pod to the web Service's ClusterIP, step
// by step in iptables mode, a Service without endpoints, ipvs mode, the compare view and ping.
import type { Page } from '@playwright/test';
import { appendToEditor, expect, openLab, test } from './fixtures.ts';

interface Row { kind: string; hook: string; chain: string; target: string; node: string; dir: string; text: string }

async function rows(page: Page): Promise<Row[]> {
  return page.getByTestId('trace-step').evaluateAll((trs) => trs.map((tr) => {
    const td = [...tr.querySelectorAll('td')].map((c) => c.textContent ?? '');
    return { kind: tr.getAttribute('data-kind') ?? '', dir: tr.getAttribute('data-dir') ?? '', node: td[1] ?? '', hook: td[2] ?? '', chain: td[4] ?? '', text: td[5] ?? '', target: td[7] ?? '' };
  }));
}

/** Indexes of each wanted step, in order; -1 where the order breaks. */
function inOrder(list: readonly Row[], wanted: readonly [string, (r: Row, first: Row) => boolean][]): Record<string, number> {
  const at: Record<string, number> = {};
  let i = -1;
  for (const [name, pred] of wanted) {
    i = list.findIndex((r, k) => k > i && pred(r, list[0]!));
    at[name] = i;
    if (i < 0) break;
  }
  return at;
}

async function openTrace(page: Page) {
  await openLab(page);
  await page.getByRole('tab', { name: 'Trace' }).click();
  await expect(page.getByRole('combobox', { name: 'From' })).toHaveValue('pod/default/client');
}

async function webClusterIP(page: Page): Promise<string> {
  const v = await page.locator('select[aria-label="To"] optgroup[label="ClusterIPs"] option').filter({ hasText: '(web)' }).first().getAttribute('value');
  expect(v).toMatch(/^\d+\.\d+\.\d+\.\d+:80$/);
  return v!;
}

async function send(page: Page) {
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('trace-step').first()).toBeVisible({ timeout: 15_000 });
}

test('client Pod → web ClusterIP in iptables mode, stepped hook by hook; the reply returns un-NATed', async ({ page }) => {
  await openTrace(page);
  const to = await webClusterIP(page);
  await page.getByRole('combobox', { name: 'To' }).selectOption(to);
  await send(page);
  await expect(page.getByTestId('trace-mode')).toHaveText('iptables mode');
  const list = await rows(page);
  const at = inOrder(list, [
    ['PREROUTING', (r) => r.kind === 'hook' && r.hook === 'PREROUTING'],
    ['KUBE-SERVICES', (r) => r.chain === 'KUBE-SERVICES'],
    ['KUBE-SVC', (r) => r.chain.startsWith('KUBE-SVC-')],
    ['KUBE-SEP DNAT', (r) => r.chain.startsWith('KUBE-SEP-') && r.target === 'DNAT'],
    ['routing', (r) => r.kind === 'route'],
    ['FORWARD', (r) => r.kind === 'hook' && r.hook === 'FORWARD'],
    ['POSTROUTING', (r) => r.kind === 'hook' && r.hook === 'POSTROUTING'],
    ['other node', (r, first) => r.node !== first.node],
    ['Pod', (r) => r.kind === 'verdict' && r.target === 'DELIVERED'],
  ]);
  for (const [name, i] of Object.entries(at)) expect(i, `${name} in order: ${JSON.stringify(at)}`).toBeGreaterThanOrEqual(0);

  // Arrow keys walk the table; the packet panel, the hook diagram and the cluster diagram follow.
  const grid = page.getByRole('grid', { name: 'Steps' });
  await grid.getByRole('row').nth(1).click();
  await expect(page.getByTestId('trace-position')).toHaveText(`Step 1 of ${list.length}`);
  await expect(page.locator('.flow-pod.is-trace-lit')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('trace-position')).toHaveText(`Step 3 of ${list.length}`);
  await expect(page.getByTestId('hook-diagram')).toHaveAttribute('data-lit', 'PREROUTING');
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByTestId('trace-position')).toHaveText(`Step 2 of ${list.length}`);
  // Step forward to the DNAT binding: the destination changes, highlighted.
  const natRow = list.findIndex((r) => r.kind === 'nat' && /rewritten/.test(r.text));
  expect(natRow).toBeGreaterThan(0);
  for (let i = 1; i < natRow; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByTestId('trace-position')).toHaveText(`Step ${natRow + 1} of ${list.length}`);
  const dst = page.getByTestId('trace-packet').locator('tr[data-field="dst"]');
  await expect(dst).toHaveAttribute('data-changed', 'true');
  await expect(dst.locator('td').first()).toHaveText(to.replace(/:80$/, ''));
  await expect(page.locator('.flow-group.is-trace-lit')).toHaveCount(1);

  // The reply: conntrack un-DNATs it, so the client sees the ClusterIP answer.
  expect(list.some((r) => r.dir === 'reply')).toBe(true);
  // The current row is the grid's one tab stop.
  await grid.locator('tr[aria-selected="true"]').focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('trace-position')).toHaveText(`Step ${list.length} of ${list.length}`);
  const lastNat = list.map((r) => r.dir === 'reply' && /un-DNAT/.test(r.text)).lastIndexOf(true);
  expect(lastNat).toBeGreaterThan(0);
  await grid.getByRole('row').nth(lastNat + 1).click();
  await expect(page.getByTestId('trace-packet').locator('tr[data-field="src"] td').last()).toHaveText(to.replace(/:80$/, ''));
});

test('all paths: the probability split across the three web endpoints', async ({ page }) => {
  await openTrace(page);
  await page.getByRole('combobox', { name: 'To' }).selectOption(await webClusterIP(page));
  await page.getByRole('checkbox', { name: 'All paths' }).check();
  await send(page);
  const paths = page.getByTestId('trace-path');
  await expect(paths).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(paths.nth(i)).toHaveAccessibleName(/probability 33\.3%, DELIVERED/);
  await paths.nth(2).click();
  await expect(paths.nth(2)).toHaveAttribute('aria-pressed', 'true');
  const dnat = await paths.nth(2).locator('.path-target').textContent();
  const list = await rows(page);
  expect(list.some((r) => r.target === 'DNAT' && r.text.includes(dnat ?? '?'))).toBe(true);
  // Play walks the steps by itself; Pause stops it.
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('trace-position')).not.toHaveText(/^Step [1-3] of/, { timeout: 5_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const at = await page.getByTestId('trace-position').textContent();
  await page.waitForTimeout(600);
  await expect(page.getByTestId('trace-position')).toHaveText(at ?? '');
});

test('a Service without endpoints is REJECTed', async ({ page }) => {
  await openTrace(page);
  await appendToEditor(page, '\n---\napiVersion: v1\nkind: Service\nmetadata: {name: lonely, namespace: default}\nspec: {selector: {app: nobody}, ports: [{port: 8080}]}\n');
  const to = page.getByRole('combobox', { name: 'To' });
  await expect(to.locator('option[value="svc/default/lonely:8080"]')).toHaveCount(1, { timeout: 15_000 });
  await to.selectOption('svc/default/lonely:8080');
  await send(page);
  await expect(page.getByTestId('trace-summary')).toContainText('REJECT');
  const list = await rows(page);
  expect(list.some((r) => r.target === 'REJECT' && r.chain.startsWith('KUBE-'))).toBe(true);
});

test('ipvs mode: no DNAT in PREROUTING, IPVS rewrites at LOCAL_IN, LOCAL_OUT → POSTROUTING; compare and ping', async ({ page }) => {
  await openTrace(page);
  const to = await webClusterIP(page);
  await page.getByRole('combobox', { name: 'To' }).selectOption(to);
  await send(page);
  await page.getByRole('radio', { name: 'ipvs' }).click();
  await expect(page.getByTestId('trace-mode')).toHaveText('ipvs mode', { timeout: 15_000 });
  const list = await rows(page);
  const req = list.filter((r) => r.dir === 'request');
  expect(req.some((r) => r.hook === 'PREROUTING' && r.target === 'DNAT')).toBe(false);
  const at = inOrder(req, [
    ['LOCAL_IN ipvs', (r) => r.kind === 'ipvs' && r.hook === 'LOCAL_IN'],
    ['OUTPUT', (r) => r.kind === 'hook' && r.hook === 'OUTPUT'],
    ['POSTROUTING', (r) => r.kind === 'hook' && r.hook === 'POSTROUTING'],
  ]);
  for (const [name, i] of Object.entries(at)) expect(i, `${name} in order: ${JSON.stringify(at)}`).toBeGreaterThanOrEqual(0);

  // The compare view traces both modes side by side.
  await page.getByRole('checkbox', { name: 'Compare iptables vs ipvs' }).check();
  const cmp = page.getByTestId('compare-view');
  await expect(cmp).toBeVisible({ timeout: 15_000 });
  await expect(cmp.locator('tr[data-hook="FORWARD"]').first()).toBeVisible();
  await expect(cmp.locator('tr[data-hook="LOCAL_IN"][data-differs="true"]')).toHaveCount(1);
  await expect(page.getByTestId('compare-why')).toContainText('kube-ipvs0');

  // ping a ClusterIP: iptables routes it away, ipvs rejects it at INPUT.
  await page.getByRole('radio', { name: 'icmp' }).click();
  await send(page);
  await expect(page.getByTestId('compare-ipvs')).toContainText('REJECT', { timeout: 15_000 });
  await expect(page.getByTestId('compare-iptables')).not.toContainText('REJECT');
  await expect(page.getByTestId('compare-why')).toContainText('ping in ipvs mode');
});

test('the toolbar compare mode opens the compare view', async ({ page }) => {
  await openLab(page);
  await page.getByRole('radio', { name: 'compare' }).click();
  await expect(page.getByRole('tab', { name: 'Trace' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('compare-view')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('compare-iptables')).toContainText('iptables');
  await expect(page.getByTestId('compare-ipvs')).toContainText('ipvs');
});
