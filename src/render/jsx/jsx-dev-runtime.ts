/** Development-mode entry of the DOM JSX runtime (test transforms import `jsxDEV` from here). */
export { Fragment, jsx as jsxDEV, type JSX } from './jsx-runtime.js';
