// A FIFO of byte pieces from which fixed-size blocks can be taken. Streams
// hand us pieces of any size; chunking needs exact chunk-size blocks. A block
// that lies inside one piece is returned as a view (no copy); only blocks
// that straddle pieces are copied. Views rely on the usual Streams contract
// that a writer does not reuse a buffer after writing it (File.stream() and
// fetch bodies never do); WebCrypto copies its input when a call starts.
export class ByteQueue {
  private pieces: Uint8Array[] = [];
  private head = 0;
  length = 0;

  push(piece: Uint8Array): void {
    if (piece.length === 0) return;
    this.pieces.push(piece);
    this.length += piece.length;
  }

  take(count: number): Uint8Array {
    if (!Number.isInteger(count) || count < 0 || count > this.length) throw new RangeError('not enough bytes queued');
    const first = this.pieces[0];
    if (first !== undefined && first.length - this.head >= count) {
      const out = first.subarray(this.head, this.head + count);
      this.advance(count);
      return out;
    }
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const piece = this.pieces[0] as Uint8Array;
      const n = Math.min(count - filled, piece.length - this.head);
      out.set(piece.subarray(this.head, this.head + n), filled);
      filled += n;
      this.advance(n);
    }
    return out;
  }

  private advance(count: number): void {
    this.head += count;
    this.length -= count;
    if (this.head === (this.pieces[0] as Uint8Array).length) {
      this.pieces.shift();
      this.head = 0;
    }
  }
}
