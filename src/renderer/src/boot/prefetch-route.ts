// Imported first by main.tsx: a deep link to a stored run (#/experiments?run=12, a reload, a palette jump in a new
// window) starts the equity request while the rest of the app's modules evaluate and the screen renders.
import { parseHash } from '../stores/ui';
import { prefetchEquity, prefetchPointsFor } from '../charts/equity-source';

if (typeof location !== 'undefined') {
  const { screen, params } = parseHash(location.hash);
  if (screen === 'experiments' && params.run && params.view !== 'compare' && /^\d+$/.test(params.run)) {
    prefetchEquity(Number(params.run), prefetchPointsFor(window.innerWidth));
  }
}
