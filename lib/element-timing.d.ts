// The Element Timing API's attribute (https://w3c.github.io/element-timing/): the page marks the
// elements whose first paint the page benchmark reads from the browser's own clock.
import 'react';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a merged interface repeats its type parameter
  interface HTMLAttributes<T> {
    elementtiming?: string;
  }
}
