// Sends one file's bytes to the S3 endpoint named by the upload credentials (the server's own
// in the embedded deployment, the object store in production), multipart for large files,
// with progress and cancellation. The AWS SDK is loaded only when the first upload starts.
import type { UploadCredentials } from "../api/types";

export interface PutOptions {
  credentials: UploadCredentials;
  key: string;
  file: Blob;
  onProgress: (sent: number, total: number) => void;
  signal: AbortSignal;
}

export type PutObject = (options: PutOptions) => Promise<void>;

const kPartSize = 8 * 1024 * 1024;

/**
 * The region to sign for: AWS endpoints name theirs (s3.eu-west-1.amazonaws.com,
 * s3-eu-west-1…, s3.dualstack.eu-west-1…); any other store (the embedded one, RGW, MinIO)
 * takes us-east-1.
 */
export function regionFromEndpoint(endpoint: string): string {
  let host = "";
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return "us-east-1";
  }
  const match = /(?:^|\.)s3[.-](?:dualstack\.)?([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com(?:\.cn)?$/.exec(host);
  return match ? match[1]! : "us-east-1";
}

export const putObject: PutObject = async ({ credentials, key, file, onProgress, signal }) => {
  const [{ S3Client }, { Upload }] = await Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/lib-storage")]);
  const client = new S3Client({
    region: regionFromEndpoint(credentials.endpointUrl),
    endpoint: credentials.endpointUrl,
    forcePathStyle: true,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const upload = new Upload({
    client,
    params: { Bucket: credentials.bucket, Key: key, Body: file, ContentType: "application/octet-stream" },
    partSize: kPartSize,
    queueSize: 4,
    leavePartsOnError: false,
  });
  upload.on("httpUploadProgress", (progress) => onProgress(progress.loaded ?? 0, progress.total ?? file.size));
  const abort = () => void upload.abort();
  signal.addEventListener("abort", abort);
  try {
    await upload.done();
    onProgress(file.size, file.size);
  } catch (error) {
    if (signal.aborted) throw new DOMException("Cancelled", "AbortError");
    const name = (error as { name?: string }).name ?? "";
    const message = (error as { message?: string }).message ?? String(error);
    throw new Error(`The upload to the storage endpoint failed${name ? ` (${name})` : ""}: ${message}`);
  } finally {
    signal.removeEventListener("abort", abort);
    client.destroy();
  }
};
