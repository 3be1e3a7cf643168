/** Trigger-training drills (SPEC §7): pure analysis, scenario schema, replay helpers, scripted traders. */
export * from './types';
export * from './reaction';
export * from './outcomes';
export * from './psychology';
export * from './features';
export * from './replay';
export * from './analyze';
export * from './scenario';
export * from './policy';
export * from './demo';
export * from './trends';
export * from './wire';
