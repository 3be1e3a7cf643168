// Minimal typings for the parts of plotly.js-dist-min the workbench uses (the package ships none).
declare module 'plotly.js-dist-min' {
  export type Datum = number | string | null;
  export interface PlotData {
    type?: string;
    mode?: string;
    name?: string;
    x?: ArrayLike<Datum>;
    y?: ArrayLike<Datum>;
    z?: ArrayLike<ArrayLike<Datum>>;
    open?: ArrayLike<number>;
    high?: ArrayLike<number>;
    low?: ArrayLike<number>;
    close?: ArrayLike<number>;
    [key: string]: unknown;
  }
  export interface Layout {
    [key: string]: unknown;
  }
  export interface Config {
    [key: string]: unknown;
  }
  export interface PlotlyHTMLElement extends HTMLElement {
    on(event: string, cb: (ev: unknown) => void): void;
    removeAllListeners?(event: string): void;
    _fullLayout?: unknown;
  }
  export function react(el: HTMLElement, data: PlotData[], layout?: Layout, config?: Config): Promise<PlotlyHTMLElement>;
  export function newPlot(el: HTMLElement, data: PlotData[], layout?: Layout, config?: Config): Promise<PlotlyHTMLElement>;
  export function purge(el: HTMLElement): void;
  export const Plots: { resize(el: HTMLElement): void };
  const Plotly: {
    react: typeof react;
    newPlot: typeof newPlot;
    purge: typeof purge;
    Plots: typeof Plots;
  };
  export default Plotly;
}
