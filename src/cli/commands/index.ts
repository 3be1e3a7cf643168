/**
 * Every `peak` subcommand, registered in this order (help lists them so). Adding one: write
 * ./<name>.ts exporting `register<Name>(program, ctx)` and add ONE line to `registrations`.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { registerBacktest } from './backtest';
import { registerData } from './data';
import { registerRuns } from './runs';
import { registerStrategies } from './strategies';
import { registerInfo } from './info';
import { registerWeb } from './web';
import { registerSweep } from './sweep';
import { registerWalkforward } from './walkforward';
import { registerMontecarlo } from './montecarlo';
import { registerStress } from './stress';
import { registerResearch } from './research';
import { registerSettings } from './settings';
import { registerDrill } from './drill';
import { registerPromote } from './promote';
import { registerAutomation } from './automation';
import { registerLive } from './live';
import { registerAudit } from './audit';
import { registerWorker } from './worker';
import { registerCluster } from './cluster';

export type Register = (program: Command, ctx: CliContext) => void;

export const registrations: Register[] = [
  registerBacktest,
  registerData,
  registerRuns,
  registerStrategies,
  registerInfo,
  registerWeb,
  registerSweep,
  registerWalkforward,
  registerMontecarlo,
  registerStress,
  registerResearch,
  registerSettings,
  registerDrill,
  registerPromote,
  registerAutomation,
  registerLive,
  registerAudit,
  registerWorker,
  registerCluster,
  // research and desktop commands: one line each, e.g. registerSweep, registerWeb
];
