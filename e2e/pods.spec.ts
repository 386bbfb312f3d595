// The Pods tab end to end: a web Pod replayed from creation to Running and Ready, its readiness
// failing (it leaves the Service's endpoints), deleted (Terminating → gone); the crash-loop
// scenario's growing back-off; and taint-based eviction 300 s after the node goes unreachable.
import type { Page } from '@playwright/test';
import { expect, openLab, test } from './fixtures.ts';

async function openPods(page: Page) {
  await openLab(page);
  await page.getByRole('tab', { name: /^Pods/ }).click();
  await expect(page.getByTestId('pods-time')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('pods-get')).toContainText('NAME', { timeout: 20_000 });
}

const time = (page: Page) => page.getByTestId('pods-time');
const getPods = (page: Page) => page.getByTestId('pods-get');
const describePod = (page: Page) => page.getByTestId('pods-describe');

async function pickPod(page: Page, prefix: RegExp) {
  const picker = page.getByRole('combobox', { name: 'Pod to show' });
  const values = await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const key = values.find((v) => prefix.test(v));
  expect(key, values.join(', ')).toBeTruthy();
  await picker.selectOption(key!);
  await expect(describePod(page)).toContainText(`Name:         ${key!.split('/')[1]}`);
  return key!.split('/')[1]!;
}

/** Step the simulated clock (+10 s a click) until `done` holds, at most `max` steps. */
async function stepUntil(page: Page, done: () => Promise<boolean>, max: number) {
  for (let i = 0; i < max && !(await done()); i++) {
    const before = await time(page).textContent();
    await page.getByRole('button', { name: 'Step +10 s' }).click();
    await expect(time(page)).not.toHaveText(before ?? '');
  }
  expect(await done()).toBe(true);
}

const podLine = async (page: Page, name: string) => ((await getPods(page).textContent()) ?? '').split('\n').find((l) => l.includes(` ${name} `)) ?? '';

test('a web Pod from creation to Ready, out of the endpoints when its readiness fails, deleted: Terminating → gone', async ({ page }) => {
  await openPods(page);
  const name = await pickPod(page, /^default\/web-/);
  await page.getByRole('button', { name: 'Replay from creation' }).click();
  await expect(time(page)).toHaveText('t = 0s');
  await expect.poll(() => podLine(page, name)).toMatch(/0\/1\s+(Pending|ContainerCreating)/);
  await expect(page.getByTestId('pod-endpoints-none')).toBeVisible();
  await stepUntil(page, async () => /1\/1\s+Running/.test(await podLine(page, name)), 12);
  await expect(page.getByTestId('pod-endpoints')).toContainText('ready=true serving=true terminating=false');
  // The statechart lights the pod's lifecycle state.
  await expect(page.locator('.chart-state.active[data-path="lifecycle.active"]')).toHaveCount(1);

  // Readiness fails: 0/1, still Running, and the EndpointSlice says ready=false.
  await page.getByRole('button', { name: /^Send probe\.readiness\.failed · / }).click();
  await expect.poll(() => podLine(page, name)).toMatch(/0\/1\s+Running/);
  await expect(page.getByTestId('pod-endpoints')).toContainText('ready=false');
  // Back is real: the earlier instant returns, Ready again.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByTestId('pod-endpoints')).toContainText('ready=true');
  await page.getByRole('button', { name: /^Send probe\.readiness\.failed · / }).click();
  await expect(page.getByTestId('pod-endpoints')).toContainText('ready=false');
  // kube-proxy follows the same instant: no KUBE-SEP chain DNATs to the Pod any more.
  const ip = /(\d+\.\d+\.\d+\.\d+): ready=false/.exec((await page.getByTestId('pod-endpoints').textContent()) ?? '')?.[1];
  expect(ip).toBeTruthy();
  await page.getByRole('tab', { name: /^Rules/ }).click();
  await page.getByRole('searchbox', { name: 'Filter by text or Service' }).fill(`${ip}:`);
  await expect(page.getByTestId('rules-lines')).not.toContainText('-j DNAT', { timeout: 15_000 });
  await page.getByRole('tab', { name: /^Pods/ }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByTestId('pod-endpoints')).toContainText('ready=true');
  await page.getByRole('tab', { name: /^Rules/ }).click();
  await expect(page.getByTestId('rules-lines')).toContainText(`-j DNAT --to-destination ${ip}:80`, { timeout: 15_000 });
  await page.getByRole('tab', { name: /^Pods/ }).click();
  await page.getByRole('button', { name: /^Send probe\.readiness\.failed · / }).click();
  await expect(page.getByTestId('pod-endpoints')).toContainText('ready=false');

  // Delete: Terminating with a terminating endpoint, then gone.
  await page.getByRole('button', { name: 'Send pod.delete' }).click();
  await expect.poll(() => podLine(page, name)).toMatch(/Terminating/);
  await expect(page.getByTestId('pod-endpoints')).toContainText('terminating=true');
  // The diagram reads the same instant: the Pod's node says Terminating.
  await expect(page.getByTestId('pod-node').filter({ hasText: name })).toContainText('Terminating');
  await stepUntil(page, async () => (await podLine(page, name)) === '', 8);
  await expect(page.getByText('This Pod is gone')).toBeVisible();
  await expect(page.getByTestId('pod-endpoints-none')).toBeVisible();
  await expect(page.getByTestId('pod-node').filter({ hasText: name })).toHaveCount(0);
});

test('the crash-loop scenario shows CrashLoopBackOff with a growing back-off', async ({ page }) => {
  await openPods(page);
  await page.getByRole('combobox', { name: 'Pod scenario' }).selectOption('crash-loop');
  await expect(time(page)).toHaveText('t = 0s');
  await stepUntil(page, async () => /back-off 10s restarting failed container=app/.test((await page.getByTestId('pods-status').textContent()) ?? ''), 4);
  await expect(getPods(page)).toContainText('CrashLoopBackOff');
  await stepUntil(page, async () => /back-off 40s restarting failed container=app/.test((await page.getByTestId('pods-status').textContent()) ?? ''), 10);
  await expect(getPods(page)).toContainText(/CrashLoopBackOff\s+3 \(/);
  await expect(describePod(page)).toContainText('Back-off restarting failed container app');
});

test('node unreachable: the Pod is marked for deletion only after the 300 s toleration', async ({ page }) => {
  await openPods(page);
  await page.getByRole('combobox', { name: 'Pod scenario' }).selectOption('node-not-ready');
  await expect(time(page)).toHaveText('t = 0s');
  // Unreachable at 60 s, tainted after the 50 s grace period: at 400 s the toleration has not run out.
  await stepUntil(page, async () => (await time(page).textContent()) === 't = 6m40s', 40);
  await expect(getPods(page)).not.toContainText('Terminating');
  await expect(page.getByTestId('pods-toleration')).toContainText('node.kubernetes.io/unreachable:NoExecute; tolerationSeconds 300: the taint-eviction controller deletes the Pod in 10 s');
  await expect(describePod(page)).toContainText('NodeNotReady');
  await stepUntil(page, async () => /Terminating/.test((await getPods(page).textContent()) ?? ''), 3);
  await expect(describePod(page)).toContainText('TaintManagerEviction');
});

// Not a check: renders docs/screenshot-pods.png (and -dark) with SCREENSHOTS=1.
for (const theme of ['light', 'dark'] as const) {
  test(`Pods tab screenshot ${theme}`, async ({ page }) => {
    test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to render the docs screenshots');
    await openPods(page);
    if (theme === 'dark') await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
    await pickPod(page, /^default\/web-/);
    await page.getByRole('button', { name: /^Send probe\.readiness\.failed · / }).click();
    await expect(page.getByTestId('pod-endpoints')).toContainText('ready=false');
    await page.getByRole('combobox', { name: 'Pod scenario' }).scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `docs/screenshot-pods${theme === 'dark' ? '-dark' : ''}.png` });
  });
}
