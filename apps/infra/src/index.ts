export {
  EltPipeline,
  type EltPipelineProps,
  type EltPipelineTarget,
  hashSetupFiles,
} from './elt-pipeline.ts';
export {
  InfraError,
  InvalidPipelinePropertyError,
  MissingAssetError,
  PipelineConfigError,
} from './errors.ts';
export { loadPipelineConfig } from './load-pipeline-config.ts';
export { ShiftflowStack, type ShiftflowStackProps } from './shiftflow-stack.ts';

/** Package version, kept in step with package.json by the build. */
export const version = '0.0.0';
