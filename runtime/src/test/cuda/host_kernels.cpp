// The CUDA kernels' element functions compiled for the host, as a shared library the tests call
// through FFM: each entry runs one launch's work items in order on host memory. With it, the
// tests run CudaBackend (argument structs, index arithmetic, kernel bodies) on machines without a
// GPU and compare it with the CPU backend. What it cannot show: races, atomics, the GPU's math
// library's last bits, and launch configuration; those are the gpu suite's to check.
#include "map.cu"
#include "reduce.cu"
#include "rows.cu"
#include "index.cu"
#include "conv.cu"
#include "pool.cu"
#include "norm.cu"

// host_adj_NAME(args, work): the launch of kernel adj_NAME, its work items one after another
#define HOST_KERNEL(name, Args, element)                           \
  void host_adj_##name(const Args* args, long long work) {         \
    for (long long t = 0; t < work; t++) element(*args, (int) t); \
  }

extern "C" {
HOST_KERNEL(map, MapArgs, adj_map_element)
HOST_KERNEL(reduce_partial, ReduceArgs, adj_reduce_partial_element)
HOST_KERNEL(reduce_finish, ReduceArgs, adj_reduce_finish_element)
HOST_KERNEL(rows, RowArgs, adj_rows_element)
HOST_KERNEL(index, IndexArgs, adj_index_element)
HOST_KERNEL(im2col, ConvArgs, adj_im2col_element)
HOST_KERNEL(col2im, ConvArgs, adj_col2im_element)
HOST_KERNEL(pool, PoolArgs, adj_pool_element)
HOST_KERNEL(norm_partial, NormArgs, adj_norm_partial_element)
HOST_KERNEL(norm_finish, NormArgs, adj_norm_finish_element)
HOST_KERNEL(norm_apply, NormArgs, adj_norm_apply_element)
}
