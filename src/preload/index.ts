// Preload: exposes a frozen list of named functions derived from core/api (desktop issue).
export {};
