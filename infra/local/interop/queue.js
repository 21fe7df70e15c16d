// Wire-compatibility probe for Conveyor's queue client, using the official JavaScript SDK.
// The JS SDK sends message text as it is; like the Azure Functions host, this script base64-encodes and
// -decodes bodies itself where asked. Arguments that carry text are base64 (UTF-8) so any character survives argv.
//
//   node interop/queue.js create <queue>
//   node interop/queue.js send-base64 <queue> <body as base64>   sends the base64 text (Functions-style message)
//   node interop/queue.js send-raw <queue> <text as base64>      sends the decoded text unencoded
//   node interop/queue.js receive <queue> <max>                  receives, deletes, prints JSON
//
// receive prints [{ messageId, dequeueCount, messageText, decodedBase64, decodedUtf8 }]: messageText as it was on
// the wire, and what a base64-decoding reader (the Functions queue trigger) would see.
const { QueueServiceClient } = require("@azure/storage-queue");

async function main() {
  const [command, queueName, arg] = process.argv.slice(2);
  const service = QueueServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING);
  const queue = service.getQueueClient(queueName);
  switch (command) {
    case "create":
      await queue.createIfNotExists();
      console.log(JSON.stringify({ created: true }));
      break;
    case "send-base64": {
      const body = Buffer.from(arg, "base64");
      const result = await queue.sendMessage(body.toString("base64"));
      console.log(JSON.stringify({ messageId: result.messageId }));
      break;
    }
    case "send-raw": {
      const text = Buffer.from(arg, "base64").toString("utf8");
      const result = await queue.sendMessage(text);
      console.log(JSON.stringify({ messageId: result.messageId }));
      break;
    }
    case "receive": {
      const response = await queue.receiveMessages({ numberOfMessages: Number(arg || "32") });
      const out = [];
      for (const m of response.receivedMessageItems) {
        const decoded = Buffer.from(m.messageText, "base64");
        out.push({
          messageId: m.messageId,
          dequeueCount: m.dequeueCount,
          messageText: m.messageText,
          decodedBase64: decoded.toString("base64"),
          decodedUtf8: decoded.toString("utf8"),
        });
        await queue.deleteMessage(m.messageId, m.popReceipt);
      }
      console.log(JSON.stringify(out));
      break;
    }
    default:
      throw new Error(`unknown command '${command}'`);
  }
}

main().catch((e) => {
  console.error(e && e.message ? e.message : String(e));
  process.exit(1);
});
