/**
 * Debian's Chromium driven by playwright-core. No browser is downloaded: when `chromium` is not
 * installed the browser tests fail and say how to install it.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export function chromiumPath(): string {
  const fromEnv = process.env.KOPDES_CHROMIUM;
  if (fromEnv) return fromEnv;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium was not found (`which chromium` printed nothing). Install it with: apt-get install -y chromium');
  }
}

/** Playwright gives the browser a fresh temporary profile of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Without the background-networking flags Chromium keeps calling home on a closed network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

export async function newPage(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    deviceScaleFactor: 1,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

export const DEMO_PASSWORD = 'merahputih2025';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/masuk');
  await fillSignIn(page, email, password);
}

/** Signs in on the sign-in page already open (keeps its `?next=`). */
export async function fillSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel(/Email atau nomor HP|Email or phone number/).fill(email);
  await page.getByLabel(/^(Kata sandi|Password)/).fill(password);
  await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
}
