'use strict';
// The Socket.IO peer of Parley's FanOutBenchmark: a client joins one room, and every "msg" it
// sends is emitted to everyone in that room, the sender included (as Parley delivers a message to
// every member's devices). No auth, no storage. Started as `node server.js <port>`.
const http = require('http');
const { Server } = require('socket.io');

const port = Number(process.argv[2]);
const server = http.createServer((request, response) => {
  response.writeHead(request.url === '/ready' ? 200 : 404);
  response.end();
});
// WebSocket only and no compression: what the load client speaks, and what Parley's bridge does.
const io = new Server(server, { transports: ['websocket'], serveClient: false, perMessageDeflate: false });

io.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    socket.join(room);
    socket.data.room = room;
    if (typeof ack === 'function') {
      ack();
    }
  });
  socket.on('msg', (text) => {
    if (socket.data.room !== undefined) {
      io.to(socket.data.room).emit('msg', text);
    }
  });
});

server.listen(port, '127.0.0.1', () => console.log(`Socket.IO ${require('socket.io/package.json').version} on port ${port}`));
