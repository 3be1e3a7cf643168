import { commandNames } from '../../../core/api/names';

/** Whether the back end's contract declares a command (research domains land later than the core ones). */
export function hasCommand(name: string): boolean {
  return (commandNames as readonly string[]).includes(name);
}
