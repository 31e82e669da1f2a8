import { runAction } from './action.js';

void runAction();
