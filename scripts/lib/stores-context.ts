// What `npm run test:stores` hands its suites (tests/stores): where the
// throwaway SeaweedFS and local-kms are and which identities exist. Written
// as JSON (0600) to the file named by TWOFOLD_STORES_CONTEXT.
export interface StoresContext {
  appOrigin: string;
  /** What SeaweedFS allows on buckets without a CORS configuration (-s3.allowedOrigins). */
  fallbackCorsOrigin: string;
  /** The bucket the application identity's policy names (not created yet). */
  bucket: string;
  seaweed: {
    version: string;
    /** HTTPS endpoint (self-signed; NODE_EXTRA_CA_CERTS names its certificate). */
    endpoint: string;
    /** The same gateway over plain HTTP. */
    plainEndpoint: string;
    dataDir: string;
    admin: { accessKey: string; secretKey: string };
    app: { accessKey: string; secretKey: string };
    minioPolicyApp: { accessKey: string; secretKey: string };
  };
  kms: { version: string; endpoint: string; keyId: string; keyArn: string; alias: string };
}
