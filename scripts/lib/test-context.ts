// What `npm test` hands its suites: where the throwaway services are and how
// to reach them. Written as JSON to the file named by TWOFOLD_TEST_CONTEXT.
export interface TestContext {
  home: string;
  bucket: string;
  minio: {
    endpoint: string;
    port: number;
    dataDir: string;
    rootUser: string;
    rootPassword: string;
    appUser: string;
    appPassword: string;
    kmsKeyName: string;
  };
  /** The environment the app server runs with (storage, secrets). */
  appEnv: Record<string, string>;
  /**
   * The e2e app's database (PostgreSQL), set once the e2e suite starts. The
   * zero-knowledge canary dumps every table of it; see scripts/test.ts.
   */
  e2eDatabaseUrl?: string;
}
