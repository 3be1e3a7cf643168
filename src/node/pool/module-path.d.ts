// electron-vite's `?modulePath` import (also provided in tests by the plugin in vitest.config.ts): the absolute
// path of the bundled module, for piscina's `filename`.
declare module '*?modulePath' {
  const src: string;
  export default src;
}
