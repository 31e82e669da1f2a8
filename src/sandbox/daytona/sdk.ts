// Order matters: the shim must be evaluated before the SDK, which captures `require` when it loads.
// A bare import is never reordered by import sorting, and it evaluates sdk-require.ts first.
import './sdk-require.js';
import { Daytona, DaytonaConnectionError, DaytonaError, DaytonaNotFoundError } from '@daytona/sdk';
import { removeRequireShim } from './sdk-require.js';

removeRequireShim();

/**
 * The SDK's runtime exports, loaded after the require shim (sdk-require.ts). Import them from here,
 * never from '@daytona/sdk' directly (type-only imports are fine). The ncc test in
 * test/int/daytona-provider.int.test.ts fails if the order breaks.
 */
export { Daytona, DaytonaConnectionError, DaytonaError, DaytonaNotFoundError };
