// Not a check: renders docs/screenshot.png and docs/screenshot-dark.png at 1440×900.
// Run with: SCREENSHOTS=1 CI=1 npx playwright test screenshots
import { expect, openLab, test } from './fixtures.ts';

test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to render the docs screenshots');

for (const theme of ['light', 'dark'] as const) {
  test(`screenshot ${theme}`, async ({ page }) => {
    await openLab(page);
    if (theme === 'dark') await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
    const svc = page.getByTestId('service-node').filter({ hasText: /^svcweb[^-]/ }).first();
    await svc.click();
    await expect(page.getByTestId('kubectl-get')).toBeVisible();
    await page.waitForTimeout(600);
    await page.screenshot({ path: `docs/screenshot${theme === 'dark' ? '-dark' : ''}.png` });
  });
}
