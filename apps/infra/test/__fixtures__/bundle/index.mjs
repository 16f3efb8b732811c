// Stand-in Lambda bundle for tests of the construct with explicit code (the real bundles are built by the packages).
export const handler = async () => ({});
export const reconcile = async () => ({});
export const onEvent = async () => ({ PhysicalResourceId: 'setup' });
export const isComplete = async () => ({ IsComplete: true });
