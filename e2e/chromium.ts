/**
 * How every Playwright run here launches Chromium: Debian's build (or CHROMIUM_PATH), with the
 * flags that work as root on a machine whose network is closed (see toolchain.md).
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
