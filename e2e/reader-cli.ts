// Prints the path of a kubeconfig whose default context is the least-privilege reader
// ServiceAccount (see e2e/harness/reader.ts), for scripts that start the app.
import { readerKubeconfig } from './harness/reader';

console.log(await readerKubeconfig());
