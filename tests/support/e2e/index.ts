// E2E fixture: launchTwin() = the browser twin (in-process, temp store) + Debian Chromium + a page on the app;
// startTwin() = the back end alone, for suites that only speak HTTP.
export { launchTwin, type LaunchedTwin, type LaunchTwinOptions, type OpenedPage, type PageOptions } from './fixture';
export { automationSettled, ensureRenderer, http, rendererDir, smallSeedSpecs, startTwin, unwrap, type HttpReply, type StartTwinOptions, type TwinServer } from './twin';
export { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, launchBrowser, newPage, noChromiumReason, type PageProblems } from './browser';
