package dev.adjoint.runtime.backend.cuda;

import java.util.Locale;

/**
 * A caching device allocator's counters (PyTorch's {@code torch.cuda.memory_stats}, abridged).
 *
 * @param allocatedBytes bytes in blocks tensors hold now (rounded up to size classes)
 * @param cachedBytes bytes in free blocks kept for reuse
 * @param peakAllocatedBytes the most {@code allocatedBytes} has been
 * @param deviceAllocations blocks taken from the device ({@code cuMemAlloc_v2} calls)
 * @param deviceFrees blocks given back to the device ({@code cuMemFree_v2} calls)
 * @param cacheHits requests served from the cache
 * @param releasedByCollector blocks returned because their tensor was garbage collected
 * @param collections garbage collections the allocator asked for (under memory pressure)
 * @param outOfMemoryRetries device out-of-memory answers followed by freeing the cache and retrying
 */
public record MemoryStats(
    long allocatedBytes,
    long cachedBytes,
    long peakAllocatedBytes,
    long deviceAllocations,
    long deviceFrees,
    long cacheHits,
    long releasedByCollector,
    long collections,
    long outOfMemoryRetries) {

  /** Bytes taken from the device: held plus cached. */
  public long reservedBytes() {
    return allocatedBytes + cachedBytes;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "allocated %s (peak %s), cached %s, reserved %s; %d device allocations, %d frees, %d cache"
            + " hits, %d released by the garbage collector, %d collections requested, %d"
            + " out-of-memory retries",
        mib(allocatedBytes),
        mib(peakAllocatedBytes),
        mib(cachedBytes),
        mib(reservedBytes()),
        deviceAllocations,
        deviceFrees,
        cacheHits,
        releasedByCollector,
        collections,
        outOfMemoryRetries);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
