/** The bundled knowledge base's text, inlined into the web worker by scripts/build.mjs. */
declare module 'dealcheck:bundled-knowledge-base-text' {
  const text: string;
  export default text;
}
