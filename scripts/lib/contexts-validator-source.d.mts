// Types for contexts-validator-source.mjs, which test/config imports.
export const generatedValidatorPath: string;
export function contextsValidatorSource(schema: object, ajvOptions: object): string;
