import { EventEmitter } from 'node:events';

/**
 * In-process notifications: "a video's transcoding state changed" and "new work is queued".
 * The SSE stream and the local worker listen, so nothing waits for a polling interval when the
 * change happened in this process. (Cross-process changes are picked up by polling.)
 */
export class JobEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  changed(videoId: number): void {
    this.emitter.emit('changed', videoId);
  }
  queued(): void {
    this.emitter.emit('queued');
  }
  onChanged(listener: (videoId: number) => void): () => void {
    this.emitter.on('changed', listener);
    return () => this.emitter.off('changed', listener);
  }
  onQueued(listener: () => void): () => void {
    this.emitter.on('queued', listener);
    return () => this.emitter.off('queued', listener);
  }
}
