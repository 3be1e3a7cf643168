/** Error text for display: keeps the back end's message verbatim (it names the file, row and column). */
export function errorInfo(e: unknown): { code: string; message: string } {
  if (typeof e === 'object' && e !== null) {
    const r = e as { code?: unknown; message?: unknown };
    return { code: typeof r.code === 'string' ? r.code : 'ERROR', message: typeof r.message === 'string' ? r.message : String(e) };
  }
  return { code: 'ERROR', message: String(e) };
}
