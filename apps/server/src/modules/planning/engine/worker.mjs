// The planning worker thread's entry: TypeScript is loaded through tsx here, because a worker does
// not inherit the loader of the thread that started it.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
