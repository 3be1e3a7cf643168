// Types for ensure-build.mjs (imported by the TypeScript e2e harness).
export declare const projectRoot: string;
export declare function buildOutputs(root?: string): string[];
export declare function buildSources(root?: string): string[];
export declare function buildReason(root?: string, outputs?: string[], sources?: string[]): string | null;
export declare function ensureBuild(opts?: {
  root?: string;
  force?: boolean;
  outputs?: string[];
  sources?: string[];
  log?: (line: string) => void;
  verbose?: boolean;
}): Promise<boolean>;
