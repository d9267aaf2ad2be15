import { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Whether the request announces a body still to come (uploads; small bodies often arrive with the headers). */
function awaitsBody(req: FastifyRequest): boolean {
  // In-process requests (app.inject) have no socket to wait on.
  if (req.raw.complete || !(req.raw.socket instanceof Socket)) return false;
  const length = Number(req.headers['content-length'] ?? 0);
  return length > 0 || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Answers 408 and lets go of a request whose body stopped arriving. The reply goes out with
 * `Connection: close`, so Node closes the socket once it is written (the usual graceful close). A request
 * whose reply is finished is not aborted by that close, though, so the request stream is ended here then:
 * whoever reads the body (an upload staging a temporary file) sees the same failure as a client
 * disconnect, and cleans up. A reply already sent: the request is dropped at once.
 */
function cutStalled(req: FastifyRequest, reply: FastifyReply, idleMs: number): void {
  const detail = `Request body timed out: no data received for ${idleMs / 1000} seconds`;
  req.log.info({ url: req.url }, 'request body stalled; cut');
  const socket = req.raw.socket;
  if (reply.sent || reply.raw.headersSent || !socket || socket.destroyed) {
    req.raw.destroy(new Error(detail));
    return;
  }
  socket.once('close', () => req.raw.destroy(new Error(detail)));
  void reply.code(408).header('connection', 'close').send({ detail });
}

/**
 * Cuts uploads that stall (issue 10, point 5): when no byte of a request body arrives for `idleMs`, the
 * request gets a 408 and its socket and temporary files are released, instead of being held until the
 * client gives up. An idle timeout, not a total one: a slow but moving upload of any size goes through.
 *
 * Node's socket timeout measures the idle time (any byte received re-arms it); while the body is
 * incomplete Node reports it on the request, which is the stall. Once the body is in, a timeout only
 * means the handler is busy (probing, a transaction): it is disarmed then, and the socket is left alone.
 */
export function registerBodyIdleTimeout(app: FastifyInstance, idleMs: number): void {
  app.addHook('onRequest', (req, reply, done) => {
    if (!awaitsBody(req)) return done();
    req.raw.setTimeout(idleMs, () => cutStalled(req, reply, idleMs));
    // Body complete and the handler still working: not a stall. A listener here also keeps Node from
    // destroying the socket, which it does when nobody listens for the timeout.
    reply.raw.on('timeout', () => {
      if (req.raw.complete) req.raw.socket?.setTimeout(0);
    });
    done();
  });
}
