import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadPlotly } from './charts/Plot';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('peak: #root missing from index.html');
// Start fetching the (large) charting chunk now, in parallel with the first screen's data requests.
void loadPlotly();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
