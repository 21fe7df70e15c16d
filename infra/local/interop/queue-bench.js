// Throughput of @azure/storage-queue for the same pattern as QueueThroughputBenchmark:
// send N messages with W concurrent workers, then W workers receive batches of 32 and delete each message.
// Bodies are base64-encoded here, as the Functions host (and Conveyor's default encoding) does.
//
//   node interop/queue-bench.js <queue> <messages> <workers> <bodyBytes>
// prints {"messages":N,"seconds":S} (time measured inside the script, node start-up excluded).
const { QueueServiceClient } = require("@azure/storage-queue");

async function main() {
  const [queueName, messagesArg, workersArg, bodyArg] = process.argv.slice(2);
  const total = Number(messagesArg);
  const workers = Number(workersArg);
  const body = Buffer.alloc(Number(bodyArg), "x").toString("base64");
  const queue = QueueServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING).getQueueClient(queueName);
  await queue.createIfNotExists();

  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < total) {
      next++;
      await queue.sendMessage(body);
    }
  }));

  let deleted = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (deleted < total) {
      const batch = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 300 });
      for (const m of batch.receivedMessageItems) {
        if (Buffer.from(m.messageText, "base64").length !== Number(bodyArg)) {
          throw new Error("unexpected body");
        }
        await queue.deleteMessage(m.messageId, m.popReceipt);
        deleted++;
      }
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await queue.delete();
  console.log(JSON.stringify({ messages: deleted, seconds }));
}

main().catch((e) => {
  console.error(e && e.message ? e.message : String(e));
  process.exit(1);
});
