/** Vite's `?raw` imports (file text as a string), used by tests that read our own static files. */
declare module '*?raw' {
  const text: string;
  export default text;
}
