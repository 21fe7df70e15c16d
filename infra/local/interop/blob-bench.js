// Times the official @azure/storage-blob SDK against the emulator for Conveyor's blob throughput benchmark.
//
//   node interop/blob-bench.js <container> <sizeMiB> <repetitions> <blockMiB> <concurrency>
//
// Prints {"upload":[MB/s…],"download":[MB/s…]} (one entry per repetition, after one warm-up of each).
"use strict";

const { BlobServiceClient } = require("@azure/storage-blob");

const serviceVersion = process.env.AZURE_STORAGE_SERVICE_VERSION || "2025-11-05";
const service = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING);
// Azurite 3.37 does not accept the SDK's default REST version; pin the one Conveyor speaks (before signing).
service.pipeline._corePipeline.addPolicy({
  name: "pinServiceVersion",
  sendRequest: (request, next) => {
    request.headers.set("x-ms-version", serviceVersion);
    return next(request);
  },
});

async function main() {
  const [containerName, sizeMiB, repetitions, blockMiB, concurrency] = process.argv.slice(2);
  const size = Number(sizeMiB) * 1024 * 1024;
  const blockSize = Number(blockMiB) * 1024 * 1024;
  const container = service.getContainerClient(containerName);
  await container.createIfNotExists();
  const blob = container.getBlockBlobClient("jssdk.bin");
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) data.writeUInt32LE((i * 2654435761) >>> 0, i);
  const uploadOptions = { blockSize, concurrency: Number(concurrency), maxSingleShotSize: blockSize };
  const downloadOptions = { blockSize, concurrency: Number(concurrency) };
  const mbps = (ms) => size / (1024 * 1024) / (ms / 1000);

  const result = { upload: [], download: [] };
  for (let i = 0; i <= Number(repetitions); i++) {
    let start = performance.now();
    await blob.uploadData(data, uploadOptions);
    const up = performance.now() - start;
    start = performance.now();
    const buffer = await blob.downloadToBuffer(0, undefined, downloadOptions);
    const down = performance.now() - start;
    if (buffer.length !== size || !buffer.equals(data)) throw new Error("downloaded bytes differ");
    if (i > 0) {
      result.upload.push(mbps(up));
      result.download.push(mbps(down));
    }
  }
  process.stdout.write(JSON.stringify(result));
}

main().catch((error) => {
  console.error(String(error));
  process.exit(1);
});
