// Preload (sandboxed, CommonJS, bundled with names.ts only — no zod, no Node): exposes `window.peak`, a frozen
// object of named functions derived from the contract's name lists. The page never sees ipcRenderer itself, so
// it can reach exactly the contract's channels and nothing else (DESIGN: drop the generic IPC passthrough).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'peak',
  buildBridge({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input),
    subscribe: (channel, listener) => {
      const wrapped = (_e: IpcRendererEvent, msg: unknown): void => listener(msg);
      ipcRenderer.on(channel, wrapped);
      return () => {
        ipcRenderer.removeListener(channel, wrapped);
      };
    },
  }),
);
