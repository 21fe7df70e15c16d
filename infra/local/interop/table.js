// Wire-compatibility probe for Conveyor's Table client, using the official @azure/data-tables SDK.
//
//   node interop/table.js write <table> '<json>'
//       Creates the table if needed and upserts (replace) one entity given as
//       {"partitionKey":"p","rowKey":"r","properties":{"Name":{"value":<v>,"type":"Int64"}}}
//       where type is one of Int32, Int64, Double, Boolean, DateTime, Guid, Binary (base64 value), String.
//       Prints {"etag": "..."}.
//   node interop/table.js read <table> <partitionKey> <rowKey>
//       Prints {"partitionKey","rowKey","etag","properties":{"Name":{"value":"<text>","type":"Int64"}},"raw":"<body>"}
//       Types come from the SDK (service annotations, else inferred from the JSON value); "raw" is the service's
//       JSON as received, which tells an integral Double (1.0) from an Int32 (1) where JavaScript numbers cannot.
//
// The connection string comes from AZURE_STORAGE_CONNECTION_STRING.
"use strict";

const { TableClient } = require("@azure/data-tables");

function client(table) {
  return TableClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING, table, { allowInsecureConnection: true });
}

async function write(table, json) {
  const input = JSON.parse(json);
  const tableClient = client(table);
  await tableClient.createTable();
  const entity = { partitionKey: input.partitionKey, rowKey: input.rowKey };
  for (const [name, { value, type }] of Object.entries(input.properties ?? {})) {
    entity[name] = { value, type };
  }
  const response = await tableClient.upsertEntity(entity, "Replace");
  process.stdout.write(JSON.stringify({ etag: response.etag }) + "\n");
}

async function read(table, partitionKey, rowKey) {
  let raw = "";
  const entity = await client(table).getEntity(partitionKey, rowKey, {
    disableTypeConversion: true,
    onResponse: (response) => { raw = response.bodyAsText ?? ""; },
  });
  const properties = {};
  for (const [name, typed] of Object.entries(entity)) {
    if (["partitionKey", "rowKey", "etag", "timestamp", "odata.metadata"].includes(name)) {
      continue;
    }
    properties[name] = { value: String(typed.value), type: typed.type };
  }
  process.stdout.write(JSON.stringify({ partitionKey: entity.partitionKey, rowKey: entity.rowKey, etag: entity.etag, properties, raw }) + "\n");
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case "write":
      return write(args[0], args[1]);
    case "read":
      return read(args[0], args[1], args[2]);
    default:
      throw new Error(`unknown command '${command}'; use write or read`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
