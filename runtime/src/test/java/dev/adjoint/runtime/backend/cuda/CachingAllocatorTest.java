package dev.adjoint.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The caching allocator over a fake device memory of a fixed capacity. */
class CachingAllocatorTest {
  /** Addresses handed out from a counter; out of memory past {@code capacity} bytes. */
  static final class FakeMemory implements CachingAllocator.RawMemory {
    final long capacity;
    long used;
    long next = 1 << 20;
    int allocations;
    int frees;
    int synchronizations;
    final java.util.Map<Long, Long> sizes = new java.util.HashMap<>();

    FakeMemory(long capacity) {
      this.capacity = capacity;
    }

    @Override
    public long allocateOrZero(long bytes) {
      if (used + bytes > capacity) {
        return 0;
      }
      used += bytes;
      allocations++;
      long address = next;
      next += bytes;
      sizes.put(address, bytes);
      return address;
    }

    @Override
    public void free(long address) {
      used -= sizes.remove(address);
      frees++;
    }

    @Override
    public void synchronize() {
      synchronizations++;
    }
  }

  @Test
  void sizeClassesFitTheRequestAndWasteAtMostAQuarter() {
    Random random = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      long bytes = 1 + (long) Math.pow(2, 40 * random.nextDouble());
      long size = CachingAllocator.sizeClass(bytes);
      assertTrue(size >= bytes && size >= 512, bytes + " → " + size);
      assertTrue(size % 512 == 0, bytes + " → " + size);
      if (bytes >= 2048) {
        assertTrue(size <= bytes * 1.25 + 1, bytes + " → " + size);
      }
    }
    assertEquals(512, CachingAllocator.sizeClass(1));
    assertEquals(1024, CachingAllocator.sizeClass(513));
    assertEquals(4096, CachingAllocator.sizeClass(4096));
    assertEquals(5120, CachingAllocator.sizeClass(4097));
  }

  @Test
  void aReleasedBlockServesTheNextRequestOfItsClassOnItsStreamOnly() {
    FakeMemory memory = new FakeMemory(1 << 30);
    CachingAllocator allocator = new CachingAllocator(memory, 1 << 30);
    CachingAllocator.Block a = allocator.allocate(10_000, 1, null);
    long address = a.address;
    a.release();
    CachingAllocator.Block b = allocator.allocate(9_000, 1, null);
    assertEquals(address, b.address);
    b.release();
    CachingAllocator.Block c = allocator.allocate(9_000, 2, null);
    assertNotEquals(address, c.address);
    MemoryStats stats = allocator.stats();
    assertEquals(1, stats.deviceAllocations(), "all three carved from one segment");
    assertEquals(1, memory.allocations);
    assertEquals(1, stats.cacheHits());
    assertEquals(CachingAllocator.sizeClass(9_000), stats.allocatedBytes());
    assertEquals(CachingAllocator.sizeClass(10_000), stats.cachedBytes());
    assertEquals(256L << 20, stats.reservedBytes());
  }

  @Test
  void blocksAreCarvedFromSegmentsAndASegmentGoesBackOnlyWhenNothingInItIsHeld() {
    FakeMemory memory = new FakeMemory(1 << 30);
    CachingAllocator allocator = new CachingAllocator(memory, 1 << 30, 1 << 20);
    CachingAllocator.Block a = allocator.allocate(600_000, 1, null);
    CachingAllocator.Block b = allocator.allocate(300_000, 1, null);
    assertEquals(a.address + a.size, b.address, "carved front to back");
    CachingAllocator.Block c = allocator.allocate(600_000, 1, null); // does not fit: a new one
    assertEquals(2, memory.allocations);
    CachingAllocator.Block big = allocator.allocate(3 << 20, 1, null); // larger: its own
    assertEquals(3, memory.allocations);
    a.release();
    allocator.emptyCache();
    assertEquals(0, memory.frees, "b still holds the first segment");
    b.release();
    big.release();
    allocator.emptyCache();
    assertEquals(2, memory.frees);
    assertEquals(1, allocator.stats().deviceAllocations() - allocator.stats().deviceFrees());
    assertEquals(c.size, allocator.stats().allocatedBytes());
  }

  @Test
  void aDeviceWithoutRoomForASegmentStillGetsBlocksOfTheirOwnSize() {
    FakeMemory memory = new FakeMemory(100_000);
    CachingAllocator allocator = new CachingAllocator(memory, 1 << 30);
    CachingAllocator.Block a = allocator.allocate(40_000, 1, null);
    CachingAllocator.Block b = allocator.allocate(40_000, 1, null);
    assertNotEquals(a.address, b.address);
    assertEquals(0, allocator.stats().outOfMemoryRetries());
  }

  @Test
  void releasingTwiceReturnsTheBlockOnce() {
    CachingAllocator allocator = new CachingAllocator(new FakeMemory(1 << 30), 1 << 30);
    CachingAllocator.Block a = allocator.allocate(1000, 1, null);
    a.release();
    a.release();
    Set<Long> addresses = new HashSet<>();
    CachingAllocator.Block b = allocator.allocate(1000, 1, null);
    addresses.add(b.address);
    addresses.add(allocator.allocate(1000, 1, null).address);
    assertEquals(2, addresses.size());
    // a stale release of a block's earlier handle leaves its new owner's memory alone
    a.release();
    assertEquals(2 * CachingAllocator.sizeClass(1000), allocator.stats().allocatedBytes());
  }

  @Test
  void outOfMemoryFreesTheCacheAndTriesAgain() {
    FakeMemory memory = new FakeMemory(10_000);
    CachingAllocator allocator = new CachingAllocator(memory, 1 << 30);
    allocator.allocate(6_000, 1, null).release(); // cached: 6144 bytes
    CachingAllocator.Block big = allocator.allocate(8_000, 1, null);
    assertTrue(big.address != 0);
    MemoryStats stats = allocator.stats();
    assertEquals(1, stats.outOfMemoryRetries());
    assertEquals(1, stats.deviceFrees());
    assertEquals(0, stats.cachedBytes());
    assertTrue(memory.synchronizations > 0, "memory goes back to the driver after the queued work");
  }

  @Test
  void outOfMemoryAfterEverythingIsAnErrorWithTheStatistics() {
    CachingAllocator allocator = new CachingAllocator(new FakeMemory(10_000), 1 << 30);
    allocator.allocate(6_000, 1, null);
    CudaOutOfMemoryException e =
        assertThrows(CudaOutOfMemoryException.class, () -> allocator.allocate(8_000, 1, null));
    assertTrue(e.getMessage().startsWith("CUDA out of memory: could not allocate 8192 bytes"));
    assertTrue(e.getMessage().contains("allocated 0.0 MiB"), e.getMessage());
    assertTrue(e.getMessage().contains("1 device segments taken"), e.getMessage());
    assertTrue(e.getMessage().contains("Cuda.emptyCache()"), e.getMessage());
  }

  @Test
  void aBlockWhoseOwnerIsCollectedComesBack() throws InterruptedException {
    FakeMemory memory = new FakeMemory(1 << 30);
    CachingAllocator allocator = new CachingAllocator(memory, 1 << 30);
    allocator.allocate(4096, 1, new Object()); // the owner is unreachable at once
    for (int i = 0; i < 50 && allocator.stats().releasedByCollector() == 0; i++) {
      System.gc();
      Thread.sleep(20);
      allocator.allocate(512, 1, null).release(); // each request drains the collected owners
    }
    assertEquals(1, allocator.stats().releasedByCollector());
    assertEquals(0, allocator.stats().allocatedBytes());
  }

  @Test
  void pastTheSoftLimitTheAllocatorCollectsFirst() {
    FakeMemory memory = new FakeMemory(1 << 30);
    CachingAllocator allocator = new CachingAllocator(memory, 100_000);
    for (int i = 0; i < 200; i++) {
      allocator.allocate(10_000, 1, new Object()); // each owner dropped at once
    }
    MemoryStats stats = allocator.stats();
    assertTrue(stats.collections() > 0, stats.toString());
    assertTrue(stats.releasedByCollector() > 0, stats.toString());
    assertTrue(stats.peakAllocatedBytes() < 100 * 10_240L, stats.toString());
  }

  @Test
  void emptyCacheGivesCachedBlocksBack() {
    FakeMemory memory = new FakeMemory(1 << 30);
    CachingAllocator allocator = new CachingAllocator(memory, 1 << 30);
    allocator.allocate(1 << 20, 1, null).release();
    allocator.allocate(3 << 20, 1, null).release();
    allocator.emptyCache();
    assertEquals(0, memory.used);
    assertEquals(0, allocator.stats().reservedBytes());
  }
}
