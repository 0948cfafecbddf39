// Debian's Chromium through playwright-core (no browser download), the one
// way the browser scripts start it, and a watchdog so that no script (and
// no Chromium) can outlive its time limit and hold CI open.
import { chromium } from "playwright-core";

// launch starts headless Chromium ($CHROMIUM, else /usr/bin/chromium).
export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    timeout: 30_000,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", ...extraArgs],
  });
}

// watchdog ends the process after ms, closing the browser that
// getBrowser() returns first; call the returned function to disarm it.
export function watchdog(name, ms, getBrowser) {
  const timer = setTimeout(() => {
    console.log(`FAIL: ${name} took more than ${ms / 1000} s`);
    setTimeout(() => process.exit(2), 5000).unref();
    const browser = getBrowser();
    (browser ? browser.close() : Promise.resolve()).catch(() => {}).finally(() => process.exit(2));
  }, ms);
  return () => clearTimeout(timer);
}
