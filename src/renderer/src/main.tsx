import './boot/prefetch-route';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { prefetchPlotly, preloadPlotlyWhenIdle } from './charts/Plot';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('peak: #root missing from index.html');
// Load the (large) charting module once the first screen has settled, so later charts open instantly.
prefetchPlotly();
preloadPlotlyWhenIdle();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
