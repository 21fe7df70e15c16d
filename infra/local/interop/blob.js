// Wire-compatibility driver for Conveyor's blob client: the official @azure/storage-blob SDK reads and writes
// what Conveyor's tests write and read. Output is one JSON document on stdout.
//
//   node interop/blob.js upload <container> <blob> <base64content> <metadataJson> [contentType]
//   node interop/blob.js download <container> <blob>
//   node interop/blob.js stage <container> <blob> <base64BlockId> <base64content>
//   node interop/blob.js stage-commit <container> <blob> <blocksJson [{id, content}]> <commitIdsJson> [metadataJson] [contentType]
//   node interop/blob.js blocklist <container> <blob>
//   node interop/blob.js list <container> [prefix]
//   node interop/blob.js sas <container> <permissions> <minutes>
"use strict";

const {
  BlobServiceClient,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
  ContainerSASPermissions,
} = require("@azure/storage-blob");

const connectionString = process.env.AZURE_STORAGE_CONNECTION_STRING;
if (!connectionString) {
  console.error("AZURE_STORAGE_CONNECTION_STRING is not set");
  process.exit(2);
}

// The SDK's default REST version (2026-10-06) is newer than Azurite 3.37 accepts; pin the version Conveyor
// speaks. The policy runs before the Sign phase, so Shared Key signs the pinned version. Every client derived
// from `service` shares its pipeline.
const serviceVersion = process.env.AZURE_STORAGE_SERVICE_VERSION || "2025-11-05";
const service = BlobServiceClient.fromConnectionString(connectionString);
service.pipeline._corePipeline.addPolicy({
  name: "pinServiceVersion",
  sendRequest: (request, next) => {
    request.headers.set("x-ms-version", serviceVersion);
    return next(request);
  },
});

async function container(name) {
  const client = service.getContainerClient(name);
  await client.createIfNotExists();
  return client;
}

function blocks(list) {
  return (list || []).map((b) => ({ name: b.name, size: b.size }));
}

const commands = {
  async upload(containerName, blobName, base64, metadataJson, contentType) {
    const blob = (await container(containerName)).getBlockBlobClient(blobName);
    const data = Buffer.from(base64, "base64");
    const result = await blob.upload(data, data.length, {
      metadata: JSON.parse(metadataJson || "{}"),
      blobHTTPHeaders: contentType ? { blobContentType: contentType } : undefined,
    });
    return { etag: result.etag };
  },

  async download(containerName, blobName) {
    const blob = service.getContainerClient(containerName).getBlockBlobClient(blobName);
    const props = await blob.getProperties();
    const content = await blob.downloadToBuffer();
    return {
      content: content.toString("base64"),
      metadata: props.metadata,
      contentType: props.contentType,
      contentLength: props.contentLength,
      etag: props.etag,
    };
  },

  async stage(containerName, blobName, blockId, base64) {
    const blob = (await container(containerName)).getBlockBlobClient(blobName);
    const data = Buffer.from(base64, "base64");
    await blob.stageBlock(blockId, data, data.length);
    return { staged: blockId };
  },

  async "stage-commit"(containerName, blobName, blocksJson, commitJson, metadataJson, contentType) {
    const blob = (await container(containerName)).getBlockBlobClient(blobName);
    for (const block of JSON.parse(blocksJson)) {
      const data = Buffer.from(block.content, "base64");
      await blob.stageBlock(block.id, data, data.length);
    }
    const result = await blob.commitBlockList(JSON.parse(commitJson), {
      metadata: JSON.parse(metadataJson || "{}"),
      blobHTTPHeaders: contentType ? { blobContentType: contentType } : undefined,
    });
    return { etag: result.etag };
  },

  async blocklist(containerName, blobName) {
    const blob = service.getContainerClient(containerName).getBlockBlobClient(blobName);
    const list = await blob.getBlockList("all");
    return { committed: blocks(list.committedBlocks), uncommitted: blocks(list.uncommittedBlocks) };
  },

  async list(containerName, prefix) {
    const names = [];
    for await (const item of service.getContainerClient(containerName).listBlobsFlat({ prefix, includeMetadata: true })) {
      names.push({ name: item.name, metadata: item.metadata, contentLength: item.properties.contentLength });
    }
    return names;
  },

  async sas(containerName, permissions, minutes) {
    if (!(service.credential instanceof StorageSharedKeyCredential)) {
      throw new Error("A SAS can only be signed from a connection string with an account key.");
    }
    const query = generateBlobSASQueryParameters(
      {
        containerName,
        permissions: ContainerSASPermissions.parse(permissions),
        startsOn: new Date(Date.now() - 5 * 60 * 1000),
        expiresOn: new Date(Date.now() + Number(minutes) * 60 * 1000),
      },
      service.credential,
    );
    return { sas: query.toString() };
  },
};

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const run = commands[command];
  if (!run) {
    console.error(`unknown command '${command}'; known: ${Object.keys(commands).join(", ")}`);
    process.exit(2);
  }
  const result = await run(...args);
  process.stdout.write(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error && error.statusCode ? `${error.statusCode} ${error.code}: ${error.message}` : String(error));
  process.exit(1);
});
