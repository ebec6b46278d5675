// Tiled matrix multiply for what cuBLAS has no entry for: i32/u32 (wrapping), and f32/f64
// when libcublas is absent. Any strides (transposed, sliced, broadcast batch = stride 0);
// the output is contiguous [batch, m, n].
//
// A block computes a TM x TN tile of one matrix with BLOCK threads, each owning a 4 x 4
// micro-tile whose rows and columns are spaced 16 apart (conflict-free shared reads). The
// K dimension streams through shared memory in slices of TK.

#define TM 64
#define TN 64
#define TK 16

struct MatmulParams {
    u64 a;
    u64 b;
    u64 out;
    i64 m;
    i64 n;
    i64 k;
    i64 a_off;
    i64 a_rs;   // lhs row (m) stride
    i64 a_cs;   // lhs column (k) stride
    i64 b_off;
    i64 b_rs;   // rhs row (k) stride
    i64 b_cs;   // rhs column (n) stride
    i64 batch_first;   // batch index of blockIdx.z == 0 (launches cover 65535 batches each)
    i64 batch_ndim;
    i64 bshape[MAXD];
    i64 a_bstride[MAXD];
    i64 b_bstride[MAXD];
};

__device__ __forceinline__ float k_mac(float acc, float a, float b) { return fmaf(a, b, acc); }
__device__ __forceinline__ double k_mac(double acc, double a, double b) { return fma(a, b, acc); }
__device__ __forceinline__ i32 k_mac(i32 acc, i32 a, i32 b) { return (i32)((u32)acc + (u32)a * (u32)b); }
__device__ __forceinline__ u32 k_mac(u32 acc, u32 a, u32 b) { return acc + a * b; }

template <typename T>
__device__ __forceinline__ void matmul_tiled(const MatmulParams& p) {
    __shared__ T As[TK][TM];
    __shared__ T Bs[TK][TN];
    const i64 tiles_n = (p.n + TN - 1) / TN;
    const i64 tm = blockIdx.x / tiles_n, tn = blockIdx.x - tm * tiles_n;
    const i64 batch = p.batch_first + blockIdx.z;
    const T* A = (const T*)p.a + p.a_off + unravel_offset(batch, p.batch_ndim, p.bshape, p.a_bstride);
    const T* B = (const T*)p.b + p.b_off + unravel_offset(batch, p.batch_ndim, p.bshape, p.b_bstride);
    const int tx = threadIdx.x & 15, ty = threadIdx.x >> 4;
    const i64 row0 = tm * TM, col0 = tn * TN;

    T acc[4][4];
#pragma unroll
    for (int i = 0; i < 4; i++)
#pragma unroll
        for (int j = 0; j < 4; j++) acc[i][j] = (T)0;

    for (i64 k0 = 0; k0 < p.k; k0 += TK) {
        // A slice: TM rows x TK columns, 4 per thread, consecutive threads along k.
#pragma unroll
        for (int l = 0; l < 4; l++) {
            const int e = threadIdx.x + l * BLOCK;
            const int r = e / TK, c = e % TK;
            const i64 gr = row0 + r, gc = k0 + c;
            As[c][r] = (gr < p.m && gc < p.k) ? A[gr * p.a_rs + gc * p.a_cs] : (T)0;
        }
        // B slice: TK rows x TN columns, consecutive threads along n.
#pragma unroll
        for (int l = 0; l < 4; l++) {
            const int e = threadIdx.x + l * BLOCK;
            const int r = e / TN, c = e % TN;
            const i64 gr = k0 + r, gc = col0 + c;
            Bs[r][c] = (gr < p.k && gc < p.n) ? B[gr * p.b_rs + gc * p.b_cs] : (T)0;
        }
        __syncthreads();
#pragma unroll
        for (int kk = 0; kk < TK; kk++) {
            T a[4], b[4];
#pragma unroll
            for (int i = 0; i < 4; i++) a[i] = As[kk][ty + 16 * i];
#pragma unroll
            for (int j = 0; j < 4; j++) b[j] = Bs[kk][tx + 16 * j];
#pragma unroll
            for (int i = 0; i < 4; i++)
#pragma unroll
                for (int j = 0; j < 4; j++) acc[i][j] = k_mac(acc[i][j], a[i], b[j]);
        }
        __syncthreads();
    }

    T* C = (T*)p.out + batch * p.m * p.n;
#pragma unroll
    for (int i = 0; i < 4; i++) {
        const i64 r = row0 + ty + 16 * i;
#pragma unroll
        for (int j = 0; j < 4; j++) {
            const i64 c = col0 + tx + 16 * j;
            if (r < p.m && c < p.n) C[r * p.n + c] = acc[i][j];
        }
    }
}

#define MATMUL_KERNEL(NAME, T) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(MatmulParams p) { matmul_tiled<T>(p); }
