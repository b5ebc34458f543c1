/** The configuration file's schema and parser (pure). Discovery on disk: ./discover (Node only). */
export * from './schema';
