import { runAction } from './action.js';
import { exitWhenSettled } from './shared/exit.js';

exitWhenSettled(runAction());
