// Bad input on every route, part 2 of 3 (see support/malformed-suite.ts).
import { malformedSuite } from './support/malformed-suite.js';

await malformedSuite(1, 3);
