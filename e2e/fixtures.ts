// Shared e2e guards: every test fails on a request that leaves 127.0.0.1 or on a console error.
import { expect, test as base, type Page } from '@playwright/test';

export const test = base.extend<{ guard: { offOrigin: string[]; consoleErrors: string[] } }>({
  guard: [async ({ page }, use) => {
    const offOrigin: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (r) => {
      const u = r.url();
      if (!/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(u)) offOrigin.push(u);
    });
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    await use({ offOrigin, consoleErrors });
    expect(offOrigin, 'requests that left the origin').toEqual([]);
    expect(consoleErrors, 'console errors').toEqual([]);
  }, { auto: true }],
});

export { expect };

export async function openLab(page: Page, path = '/') {
  await page.goto(path);
  await expect(page.getByTestId('pod-node').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
}

/** Append text at the end of the editor (toolchain.md P8: insertText, not type()). */
export async function appendToEditor(page: Page, text: string) {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText(text);
}

export async function editorText(page: Page): Promise<string> {
  // The store's autosave is the text of record; it lands in localStorage after a short debounce.
  return page.evaluate(() => localStorage.getItem('podlab.text.v1') ?? '');
}
