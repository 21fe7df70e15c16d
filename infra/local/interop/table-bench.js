// Table batch-insert benchmark with the official @azure/data-tables SDK, the reference for Conveyor's client.
//
//   node interop/table-bench.js <table> <entities> <partitions> <concurrency>
//
// Creates the table, warms up with 10 transactions in a separate partition (untimed), then inserts <entities> entities spread over <partitions> partitions in 100-entity
// transactions (submitTransaction), <concurrency> transactions in flight. Entities have the same shape as the
// C# side's (TableBatchBenchmark). Prints {"entities": n, "milliseconds": t} for the inserts alone.
"use strict";

const { TableClient } = require("@azure/data-tables");

async function main() {
  const [table, entitiesText, partitionsText, concurrencyText] = process.argv.slice(2);
  const entities = Number(entitiesText);
  const partitions = Number(partitionsText);
  const concurrency = Number(concurrencyText);
  const client = TableClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING, table, { allowInsecureConnection: true });
  await client.createTable();

  const when = new Date(Date.UTC(2026, 10, 20, 12, 0, 0));
  const entity = (partition, i) => ({
    partitionKey: partition,
    rowKey: String(i).padStart(8, "0"),
    Name: `entity ${i} of ${partition}`,
    Count: i,
    Amount: { value: i + 0.5, type: "Double" },
    Total: { value: String(i * 1000), type: "Int64" },
    When: when,
    Done: i % 2 === 0,
  });
  for (let w = 0; w < 10; w++) {
    await client.submitTransaction(Array.from({ length: 100 }, (_, i) => ["create", entity("warmup", w * 100 + i)]));
  }

  const batches = [];
  const perPartition = Math.ceil(entities / partitions);
  for (let p = 0; p < partitions; p++) {
    const count = Math.min(perPartition, entities - p * perPartition);
    for (let start = 0; start < count; start += 100) {
      batches.push({ partition: `p${p}`, start, end: Math.min(start + 100, count) });
    }
  }

  let next = 0;
  async function worker() {
    while (next < batches.length) {
      const batch = batches[next++];
      const actions = [];
      for (let i = batch.start; i < batch.end; i++) {
        actions.push(["create", entity(batch.partition, i)]);
      }
      await client.submitTransaction(actions);
    }
  }

  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify({ entities, milliseconds }) + "\n");
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
