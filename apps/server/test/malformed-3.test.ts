// Bad input on every route, part 3 of 3 (see support/malformed-suite.ts).
import { malformedSuite } from './support/malformed-suite.js';

await malformedSuite(2, 3);
