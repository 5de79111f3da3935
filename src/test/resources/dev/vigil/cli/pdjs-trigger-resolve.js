// PagerDuty's JavaScript library as its users call it: a trigger, then a resolve of the same dedup key, sent to
// SERVER (host:port; the library itself builds https://SERVER/v2/enqueue). Prints each answer as a line of JSON.
// Usage: node pdjs-trigger-resolve.js SERVER ROUTING_KEY DEDUP_KEY
const { trigger, resolve } = require('@pagerduty/pdjs');

const [server, routingKey, dedupKey] = process.argv.slice(2);

async function main() {
  const triggered = await trigger({
    server,
    data: {
      routing_key: routingKey,
      dedup_key: dedupKey,
      payload: { summary: 'Disk full on db-1', source: 'db-1', severity: 'critical' },
    },
  });
  console.log(JSON.stringify({ status: triggered.status, data: triggered.data }));
  const resolved = await resolve({ server, data: { routing_key: routingKey, dedup_key: dedupKey } });
  console.log(JSON.stringify({ status: resolved.status, data: resolved.data }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
