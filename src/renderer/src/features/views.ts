import type { ReactElement } from 'react';
import type { ScreenId } from './nav';
import { DashboardScreen } from './dashboard/DashboardScreen';
import { DataScreen } from './data/DataScreen';
import { BacktestScreen } from './backtest/BacktestScreen';
import { SweepScreen } from './sweeps/SweepScreen';
import { ResearchScreen } from './research/ResearchScreen';
import { ExperimentsScreen } from './experiments/ExperimentsScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { DrillsScreen } from './drills/DrillsScreen';
import { PromotionScreen } from './promotion/PromotionScreen';
import { LiveScreen } from './live/LiveScreen';
import { AutomationScreen } from './automation/AutomationScreen';

/** Screen id → its component (one per feature folder). Typed by ./nav.ts, so every nav line must have one. */
export const VIEWS: Record<ScreenId, () => ReactElement> = {
  dashboard: DashboardScreen,
  data: DataScreen,
  backtest: BacktestScreen,
  sweep: SweepScreen,
  research: ResearchScreen,
  experiments: ExperimentsScreen,
  settings: SettingsScreen,
  live: LiveScreen,
  promotion: PromotionScreen,
  drills: DrillsScreen,
  automation: AutomationScreen,
};
