// Electron main: glue only (window, security, app:// protocol, one IPC gate). Filled in by the desktop issue.
import { app } from 'electron';

app.whenReady().then(() => {
  // placeholder until the shell lands
});
