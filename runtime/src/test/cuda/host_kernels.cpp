// The CUDA kernels' element functions compiled for the host, as a shared library the tests call
// through FFM: each entry runs one launch's work items in order on host memory. With it, the
// tests run CudaBackend (argument structs, index arithmetic, kernel bodies) on machines without a
// GPU and compare it with the CPU backend. What it cannot show: races, atomics, the GPU's math
// library's last bits, and launch configuration; those are the gpu suite's to check.
#include "map.cu"
#include "reduce.cu"
#include "rows.cu"
#include "index.cu"

extern "C" {
void host_adj_map(const MapArgs* m, long long work) {
  for (long long i = 0; i < work; i++) adj_map_element(*m, (int) i);
}
void host_adj_reduce_partial(const ReduceArgs* r, long long work) {
  for (long long t = 0; t < work; t++) adj_reduce_partial_element(*r, (int) t);
}
void host_adj_reduce_finish(const ReduceArgs* r, long long work) {
  for (long long t = 0; t < work; t++) adj_reduce_finish_element(*r, (int) t);
}
void host_adj_rows(const RowArgs* r, long long work) {
  for (long long t = 0; t < work; t++) adj_rows_element(*r, (int) t);
}
void host_adj_index(const IndexArgs* a, long long work) {
  for (long long t = 0; t < work; t++) adj_index_element(*a, (int) t);
}
}
