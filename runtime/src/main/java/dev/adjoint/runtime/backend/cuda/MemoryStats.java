package dev.adjoint.runtime.backend.cuda;

import java.util.Locale;

/**
 * A caching device allocator's counters (PyTorch's {@code torch.cuda.memory_stats}, abridged).
 *
 * @param allocatedBytes bytes in blocks tensors hold now (rounded up to size classes)
 * @param cachedBytes bytes in free blocks kept for reuse
 * @param reservedBytes bytes taken from the device (held, cached, and not yet carved)
 * @param peakAllocatedBytes the most {@code allocatedBytes} has been
 * @param deviceAllocations segments taken from the device ({@code cuMemAlloc_v2} calls)
 * @param deviceFrees segments given back to the device ({@code cuMemFree_v2} calls)
 * @param cacheHits requests served from the cache
 * @param releasedByCollector blocks returned because their tensor was garbage collected
 * @param collections garbage collections the allocator asked for (under memory pressure)
 * @param outOfMemoryRetries device out-of-memory answers followed by freeing the cache and retrying
 */
public record MemoryStats(
    long allocatedBytes,
    long cachedBytes,
    long reservedBytes,
    long peakAllocatedBytes,
    long deviceAllocations,
    long deviceFrees,
    long cacheHits,
    long releasedByCollector,
    long collections,
    long outOfMemoryRetries) {

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "allocated %s (peak %s), cached %s, reserved %s; %d device segments taken, %d given back, %d cache"
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
