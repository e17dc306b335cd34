import { z } from 'zod';
import { configSchema } from '../src/core/config';

/** The JSON schema editors use to complete and validate runbook-lens.yaml. */
export function configJsonSchema(): unknown {
  return { ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-7' }), $id: 'https://runbook-lens.dev/schemas/runbook-lens.schema.json', title: 'runbook-lens.yaml' };
}
