export {
  InfraError,
  type InfraErrorCode,
  InvalidPipelinePropertyError,
  MissingAssetError,
  PipelineConfigError,
} from './errors.ts';
export { loadPipelineConfig } from './load-pipeline-config.ts';
export { EltPipeline } from './pipeline/elt-pipeline.ts';
export type { EltPipelineProps, EltPipelineTarget } from './pipeline/elt-pipeline-props.ts';
export { hashSetupFiles } from './pipeline/setup-files.ts';
export { ShiftflowStack, type ShiftflowStackProps } from './shiftflow-stack.ts';

/** Package version, kept in step with package.json by the build. */
export const version = '0.0.0';
