/**
 * The files of one suite run, written so a reader (a person with `tail -f`, the Automation screen, `peak
 * automation validate`) always sees valid content: events.jsonl is appended line by line with synchronous writes
 * (flushed as written), summary.json and the JSON log are replaced atomically (write a temp file, rename).
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../files/atomic';
import type { AutomationLog, RunEvent, RunSummaryFile } from '../../core/automation/schemas';
import { AutomationLogSchema, RunEventSchema, RunSummaryFileSchema, compactTimestamp } from '../../core/automation/schemas';

export const EVENTS_FILE = 'events.jsonl';
export const SUMMARY_FILE = 'summary.json';
export const MARKDOWN_FILE = 'summary.md';
export const logFileName = (suite: string, startedAtMs: number): string => `automation_${suite}_${compactTimestamp(startedAtMs)}.json`;


export class RunFiles {
  readonly eventsPath: string;
  readonly summaryPath: string;
  readonly logPath: string;
  readonly markdownPath: string;
  constructor(readonly dir: string, suite: string, startedAtMs: number) {
    mkdirSync(dir, { recursive: true });
    this.eventsPath = join(dir, EVENTS_FILE);
    this.summaryPath = join(dir, SUMMARY_FILE);
    this.logPath = join(dir, logFileName(suite, startedAtMs));
    this.markdownPath = join(dir, MARKDOWN_FILE);
  }
  appendEvent(e: RunEvent): void {
    appendFileSync(this.eventsPath, `${JSON.stringify(RunEventSchema.parse(e))}\n`);
  }
  writeSummary(s: RunSummaryFile): void {
    writeAtomic(this.summaryPath, `${JSON.stringify(RunSummaryFileSchema.parse(s), null, 2)}\n`);
  }
  writeLog(l: AutomationLog): void {
    writeAtomic(this.logPath, `${JSON.stringify(AutomationLogSchema.parse(l), null, 2)}\n`);
  }
  writeMarkdown(text: string): void {
    writeAtomic(this.markdownPath, text);
  }
}

export interface ValidationReport {
  dir: string;
  valid: boolean;
  /** the run's status as the files show it; 'interrupted' for a run that stopped without runner_end */
  status: AutomationLog['status'] | 'unknown';
  events: number;
  errors: string[];
}

/** Checks a run directory against the schemas (events line by line, summary.json, the JSON log). */
export function validateRunDir(dir: string): ValidationReport {
  const errors: string[] = [];
  let events: RunEvent[] = [];
  const read = (name: string): string | null => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      errors.push(`${name}: missing`);
      return null;
    }
  };
  const ev = read(EVENTS_FILE);
  if (ev !== null) {
    ev.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        events.push(RunEventSchema.parse(JSON.parse(line)));
      } catch (e) {
        errors.push(`${EVENTS_FILE} line ${i + 1}: ${firstIssue(e)}`);
      }
    });
    events = events.sort((a, b) => a.seq - b.seq);
    if (events.length && events[0]?.type !== 'runner_start') errors.push(`${EVENTS_FILE}: first event is ${events[0]?.type}, expected runner_start`);
  }
  const sum = read(SUMMARY_FILE);
  if (sum !== null) {
    try { RunSummaryFileSchema.parse(JSON.parse(sum)); } catch (e) { errors.push(`${SUMMARY_FILE}: ${firstIssue(e)}`); }
  }
  let status: ValidationReport['status'] = 'unknown';
  const logs = safeList(dir).filter((f) => /^automation_(daily|weekly)_\d{8}_\d{6}\.json$/.test(f));
  if (!logs.length) errors.push('JSON log automation_<suite>_<YYYYmmdd_HHMMSS>.json: missing');
  for (const f of logs) {
    try {
      const log = AutomationLogSchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      const ended = events.some((e) => e.type === 'runner_end');
      // a log still saying 'running' with no runner_end: the process died mid-way
      status = log.status === 'running' && !ended ? 'interrupted' : log.status;
    } catch (e) {
      errors.push(`${f}: ${firstIssue(e)}`);
    }
  }
  return { dir, valid: errors.length === 0, status, events: events.length, errors };
}

function safeList(dir: string): string[] {
  try { return readdirSync(dir); } catch { return []; }
}

function firstIssue(e: unknown): string {
  const issues = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues?.length) {
    const i = issues[0] as { path: PropertyKey[]; message: string };
    return `${i.path.map(String).join('.') || '(root)'}: ${i.message}`;
  }
  return (e as Error).message;
}
