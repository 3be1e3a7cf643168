/** The audit domain: the hash-chained audit log and the audit snapshot (JSON + Markdown + sha256 manifest). */
import { z } from 'zod';
import { AuditEntrySchema, AuditVerifySchema } from '../../safety/audit';
import { defineDomain } from '../define';
import { SnapshotFileSchema } from './live-schemas';

export const auditDomain = defineDomain({
  commands: {
    'audit:verify': { doc: 'Walk the audit chain; names the first changed, inserted or deleted row.', input: z.object({}).default({}), output: AuditVerifySchema },
    'audit:list': {
      doc: 'Audit rows, newest first.',
      input: z.object({ category: z.string().max(40).optional(), limit: z.number().int().min(1).max(5000).default(200) }).default({ limit: 200 }),
      output: z.array(AuditEntrySchema),
    },
    'audit:snapshot': {
      doc: 'Build the audit snapshot (secrets never included). save: also write it under <data dir>/audit-snapshots/<stamp>/.',
      input: z.object({ save: z.boolean().default(false) }).default({ save: false }),
      output: z.object({ stamp: z.string(), files: z.array(SnapshotFileSchema), savedTo: z.string().nullable() }),
    },
  },
});
