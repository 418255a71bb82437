// Loaded into the TypeScript reference server with `node --import`. It changes nothing in how the
// server handles requests: it binds the server to 127.0.0.1 (the reference listens on every
// address by default), and speaks the harness's control protocol on stderr: "BENCH ready {port}"
// once listening, "BENCH stats {...}" for each "stats" line on stdin; it exits when stdin closes.
import net from 'node:net';
import readline from 'node:readline';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const port = args[0];
  const isPort = typeof port === 'number' || (typeof port === 'string' && /^\d+$/.test(port));
  if (isPort && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  }
  this.once('listening', () => {
    const address = this.address();
    if (address && typeof address === 'object') {
      process.stderr.write(`BENCH ready ${JSON.stringify({ port: address.port })}\n`);
    }
  });
  return listen.apply(this, args);
};

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const command = line.trim();
  if (command.startsWith('stats')) {
    const memory = process.memoryUsage();
    process.stderr.write(`BENCH stats ${JSON.stringify({ heapUsed: memory.heapUsed, heapCommitted: memory.heapTotal })}\n`);
  } else if (command === 'exit') {
    process.exit(0);
  }
});
lines.on('close', () => process.exit(0));
