package dev.adjoint.runtime.backend.cuda;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Device memory for tensors, kept for reuse instead of being handed back to the driver: {@code
 * cuMemAlloc}/{@code cuMemFree} synchronise and cost tens of microseconds, a training step asks for
 * the same sizes again and again.
 *
 * <ul>
 *   <li><b>Size classes</b>: a request is rounded up to 512 bytes times a power of two times 1, 1¼,
 *       1½ or 1¾ (at most a quarter wasted); a freed block serves later requests of its class.
 *   <li><b>Per stream</b>: a block is reused only on the stream it was last used on, so stream
 *       order guarantees the kernels of its previous owner have finished with it.
 *   <li><b>Release</b>: explicitly ({@link Block#release}: temporaries of the backend itself), or
 *       when the tensor's storage becomes unreachable: each block's owner is tracked by a phantom
 *       reference that this allocator drains at every request (the role of a {@code Cleaner},
 *       without a thread of its own that would race with the allocating one).
 *   <li><b>Pressure</b>: when the bytes tensors hold would pass {@code softLimit}, the allocator
 *       asks for a garbage collection first, so memory unreachable tensors hold comes back before
 *       the device fills up (the JVM's collector does not see device memory).
 *   <li><b>Out of memory</b>: the cache is freed and the request tried again, then after a
 *       collection once more; then a {@link CudaOutOfMemoryException} with these statistics.
 * </ul>
 */
final class CachingAllocator {
  /** The device's allocator under this one (the driver; a fake in tests). */
  interface RawMemory {
    /** A new block of {@code bytes}, or 0 when the device is out of memory. */
    long allocateOrZero(long bytes);

    void free(long address);

    /** Waits for all queued device work (before memory goes back to the driver). */
    void synchronize();
  }

  /** One allocation from the device, carved into blocks front to back. */
  private static final class Segment {
    final long address;
    final long size;
    long used;
    int live;
    boolean freed;

    Segment(long address, long size) {
      this.address = address;
      this.size = size;
    }
  }

  /** A block of device memory a tensor holds. */
  final class Block {
    final long address;
    final long size;
    final long stream;
    private final Segment segment;
    private Reference<?> tracker;
    private boolean released;

    private Block(long address, long size, long stream, Segment segment) {
      this.address = address;
      this.size = size;
      this.stream = stream;
      this.segment = segment;
    }

    /** Returns the block to the cache now (for memory whose last use is already queued). */
    void release() {
      synchronized (CachingAllocator.this) {
        if (tracker != null) {
          owners.remove(tracker);
          tracker.clear();
          tracker = null;
        }
        free(this);
      }
    }
  }

  private final RawMemory raw;
  private final long softLimit;
  private final long segmentSize;
  private final java.util.List<Segment> segments = new java.util.ArrayList<>();
  private Segment current;
  private long collectAbove;
  private final Map<Long, Map<Long, ArrayDeque<Block>>> cache = new HashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
  private final Map<Reference<?>, Block> owners = new HashMap<>();

  private long allocated;
  private long cached;
  private long reserved;
  private long peak;
  private long deviceAllocations;
  private long deviceFrees;
  private long cacheHits;
  private long releasedByCollector;
  private long collections;
  private long retries;

  CachingAllocator(RawMemory raw, long softLimit) {
    this(raw, softLimit, 256L << 20);
  }

  /** An allocator that takes memory from the device {@code segmentSize} bytes at a time. */
  CachingAllocator(RawMemory raw, long softLimit, long segmentSize) {
    this.raw = raw;
    this.softLimit = softLimit;
    this.segmentSize = segmentSize;
    this.collectAbove = softLimit;
  }

  /** The size class of a request: 512 B · 2^k · (1, 1¼, 1½ or 1¾), the smallest that fits. */
  static long sizeClass(long bytes) {
    long size = Math.max(bytes, 512);
    int shift = 63 - Long.numberOfLeadingZeros(size); // 2^shift <= size < 2^(shift+1)
    long power = 1L << shift;
    if (size == power || shift < 11) {
      // classes are quarter steps only from 2 KiB up; below, 512-byte steps
      return shift < 11 ? (size + 511) / 512 * 512 : power;
    }
    long quarter = power / 4;
    return (size + quarter - 1) / quarter * quarter;
  }

  /**
   * A block of at least {@code bytes} for work on {@code stream}, tracked until {@code owner}
   * becomes unreachable (null: released only explicitly).
   */
  synchronized Block allocate(long bytes, long stream, Object owner) {
    drainCollected();
    long size = sizeClass(bytes);
    if (allocated + size > collectAbove) {
      collect();
      // what live tensors hold stays held: ask again only after a quarter of the limit more
      collectAbove = Math.max(softLimit, allocated + softLimit / 4);
    }
    Block block = fromCache(size, stream);
    if (block != null) {
      cacheHits++;
      // a new handle: a stale release through the previous one must not free this owner's memory
      block = new Block(block.address, size, stream, block.segment);
    } else {
      block = carve(size, stream);
      if (block == null) {
        retries++;
        freeCache();
        block = carve(size, stream);
      }
      if (block == null) {
        collect();
        freeCache();
        block = carve(size, stream);
      }
      if (block == null) {
        throw new CudaOutOfMemoryException(
            "CUDA out of memory: could not allocate "
                + size
                + " bytes (for a request of "
                + bytes
                + ") after freeing the allocator's cache and collecting garbage; "
                + stats()
                + ". Free tensors you no longer need, use smaller batches, or call"
                + " Cuda.emptyCache() if other programs share the GPU");
      }
    }
    block.segment.live++;
    allocated += size;
    peak = Math.max(peak, allocated);
    if (owner != null) {
      PhantomReference<Object> ref = new PhantomReference<>(owner, collected);
      block.tracker = ref;
      owners.put(ref, block); // keeps the reference itself reachable until it is drained
    }
    return block;
  }

  // fresh memory: the rest of the current segment, else a new segment (of segmentSize, or of the
  // size alone when the device has no room for a whole one); null when the device has none
  private Block carve(long size, long stream) {
    if (current == null || current.size - current.used < size) {
      long address = size < segmentSize ? raw.allocateOrZero(segmentSize) : 0;
      long length = segmentSize;
      if (address == 0) {
        address = raw.allocateOrZero(size);
        length = size;
      }
      if (address == 0) {
        return null;
      }
      deviceAllocations++;
      current = new Segment(address, length);
      segments.add(current);
      reserved += length;
    }
    Block block = new Block(current.address + current.used, size, stream, current);
    current.used += size; // sizes are multiples of 512: blocks stay aligned
    return block;
  }

  private Block fromCache(long size, long stream) {
    Map<Long, ArrayDeque<Block>> classes = cache.get(stream);
    ArrayDeque<Block> free = classes == null ? null : classes.get(size);
    if (free == null || free.isEmpty()) {
      return null;
    }
    cached -= size;
    return free.pop();
  }

  private void free(Block block) {
    if (block.released) {
      return;
    }
    block.released = true;
    block.segment.live--;
    allocated -= block.size;
    cached += block.size;
    cache
        .computeIfAbsent(block.stream, s -> new HashMap<>())
        .computeIfAbsent(block.size, s -> new ArrayDeque<>())
        .push(block);
  }

  private void drainCollected() {
    Reference<?> ref;
    while ((ref = collected.poll()) != null) {
      releaseCollected(ref);
    }
  }

  private void releaseCollected(Reference<?> ref) {
    Block block = owners.remove(ref);
    if (block != null && block.tracker == ref) {
      block.tracker = null;
      releasedByCollector++;
      free(block);
    }
  }

  // a full collection, then the references it cleared (the reference handler enqueues them soon
  // after; wait a little for them)
  private void collect() {
    collections++;
    System.gc();
    try {
      Reference<?> first = collected.remove(50);
      if (first != null) {
        releaseCollected(first);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drainCollected();
  }

  // gives back every segment none of whose blocks a tensor holds
  private void freeCache() {
    boolean any = false;
    for (Segment segment : segments) {
      any |= segment.live == 0;
    }
    if (!any) {
      return;
    }
    raw.synchronize();
    for (java.util.Iterator<Segment> it = segments.iterator(); it.hasNext(); ) {
      Segment segment = it.next();
      if (segment.live == 0) {
        raw.free(segment.address);
        deviceFrees++;
        reserved -= segment.size;
        segment.freed = true;
        it.remove();
      }
    }
    if (current != null && current.freed) {
      current = null;
    }
    cached = 0;
    for (Map<Long, ArrayDeque<Block>> classes : cache.values()) {
      for (ArrayDeque<Block> free : classes.values()) {
        free.removeIf(b -> b.segment.freed);
        for (Block b : free) {
          cached += b.size;
        }
      }
    }
  }

  /** Gives every cached block back to the device (PyTorch's {@code empty_cache}). */
  synchronized void emptyCache() {
    drainCollected();
    freeCache();
  }

  synchronized MemoryStats stats() {
    return new MemoryStats(
        allocated,
        cached,
        reserved,
        peak,
        deviceAllocations,
        deviceFrees,
        cacheHits,
        releasedByCollector,
        collections,
        retries);
  }
}
