/** Every group of the conformance corpus, in the order they run. */
import type { ConformanceGroup } from '../conformance-group';
import { conditionalFunctionsGroups } from './conditional-functions';
import { dateTimeFunctionsGroups } from './date-time-functions';
import { dialectConstructGroups } from './dialect-constructs';
import { jsonFunctionsGroups } from './json-functions';
import { mathFunctionsGroups } from './math-functions';
import { stringFunctionsGroups } from './string-functions';
import { superQueryGroups } from './super-queries';
import { windowFunctionsGroups } from './window-functions';

export const corpus: readonly ConformanceGroup[] = [
  ...dateTimeFunctionsGroups,
  ...stringFunctionsGroups,
  ...mathFunctionsGroups,
  ...windowFunctionsGroups,
  ...jsonFunctionsGroups,
  ...conditionalFunctionsGroups,
  ...dialectConstructGroups,
  ...superQueryGroups,
];
