import { Suspense, createElement, lazy, type ComponentType, type ReactElement } from 'react';
import type { ScreenId } from './nav';
import { Loading } from '../components/States';
// Eager: the screens the speed benches open first (Experiments for chart.first_paint_1m / chart.price_1m, Backtest for
// ui.backtest_1m_click_to_chart) stay in the main bundle so their first paint waits for no extra chunk.
import { BacktestScreen } from './backtest/BacktestScreen';
import { ExperimentsScreen } from './experiments/ExperimentsScreen';

/**
 * A screen loaded on first visit (its own chunk), shown through the app's loading state meanwhile. Splitting keeps the
 * main bundle, which every page load parses before the first paint, to the screens above.
 */
function lazyScreen(label: string, load: () => Promise<ComponentType>): () => ReactElement {
  const Screen = lazy(() => load().then((c) => ({ default: c })));
  return function LazyScreen() {
    return createElement(Suspense, { fallback: createElement(Loading, { label: `Loading ${label}…` }) }, createElement(Screen));
  };
}

/** Screen id → its component (one per feature folder). Typed by ./nav.ts, so every nav line must have one. */
export const VIEWS: Record<ScreenId, () => ReactElement> = {
  dashboard: lazyScreen('dashboard', () => import('./dashboard/DashboardScreen').then((m) => m.DashboardScreen)),
  data: lazyScreen('data', () => import('./data/DataScreen').then((m) => m.DataScreen)),
  backtest: BacktestScreen,
  sweep: lazyScreen('sweeps', () => import('./sweeps/SweepScreen').then((m) => m.SweepScreen)),
  research: lazyScreen('research', () => import('./research/ResearchScreen').then((m) => m.ResearchScreen)),
  experiments: ExperimentsScreen,
  settings: lazyScreen('settings', () => import('./settings/SettingsScreen').then((m) => m.SettingsScreen)),
  live: lazyScreen('live', () => import('./live/LiveScreen').then((m) => m.LiveScreen)),
  promotion: lazyScreen('promotion', () => import('./promotion/PromotionScreen').then((m) => m.PromotionScreen)),
  drills: lazyScreen('drills', () => import('./drills/DrillsScreen').then((m) => m.DrillsScreen)),
  automation: lazyScreen('automation', () => import('./automation/AutomationScreen').then((m) => m.AutomationScreen)),
};
