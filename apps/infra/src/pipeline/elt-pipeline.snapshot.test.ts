import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildPipelineVariants,
  normalizedTemplate,
  synthesizeVariants,
  variantNames,
} from '../../test/support/pipeline-variants.ts';

// Construct IDs, and so logical IDs, are an external contract: a deployed stack replaces a
// resource whose logical ID changes. These snapshots hold the whole template of every target
// variant; a change to them must be deliberate (`vitest run -u`) and reviewed.
const variants = buildPipelineVariants();
let templates: Map<string, Template>;

beforeAll(() => {
  templates = synthesizeVariants(variants);
});

describe('EltPipeline template', () => {
  it.each(variantNames)('of the %s variant matches its JSON snapshot', async (name) => {
    const template = templates.get(variants[name].stack.stackName);
    expect(template).toBeDefined();
    if (template === undefined) return;
    await expect(`${JSON.stringify(normalizedTemplate(template), null, 2)}\n`).toMatchFileSnapshot(
      `./__snapshots__/elt-pipeline/${name}.template.json`,
    );
  });
});
