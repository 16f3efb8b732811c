/**
 * The account the local stand-ins pretend to be: one region, one account id and dummy credentials
 * the local endpoints accept (never real AWS).
 */
export const localRegion = 'us-east-1';
export const localAccount = '123456789012';
export const dummyCredentials = { accessKeyId: 'test', secretAccessKey: 'test' } as const;
