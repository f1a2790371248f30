// The part of @20minutes/s3rver (an in-process S3 protocol server, tests only) that the tests use; the package
// ships no types of its own.
declare module '@20minutes/s3rver' {
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    /** No request log. */
    silent?: boolean;
    /** Where buckets and objects are kept, as files. */
    directory?: string;
    /** Accept requests whose signature does not match (unknown access keys are still refused). */
    allowMismatchedSignatures?: boolean;
    /** Buckets created before the server answers. */
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
