// E2E launch helpers: the browser twin (in-process, temp store) and Debian Chromium via playwright.
export { ensureRenderer, launchTwin, rendererDir, smallSeedSpecs, type LaunchedTwin, type LaunchTwinOptions } from './twin';
export { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, launchBrowser, newPage, noChromiumReason, type PageProblems } from './browser';
