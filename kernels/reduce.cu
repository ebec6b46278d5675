// Reductions over the last dims of a strided view (the seam's "reduced dims last"
// contract), argmax/argmin, and the 1-D dot product.
//
// A reduction runs in passes. Each pass reduces runs of `rlen` inputs per output into
// `splits` partial accumulators per output; the last pass (splits == 1) writes
// finish(acc). Two kernel shapes share the reducers:
//  - *_block: a block reduces a tile of R_TILE = BLOCK * RB_ITEMS consecutive run
//    positions of one output (warp shuffles, then a shared-memory tree); for dense runs.
//    Partial (o, s) is stored at o * splits + s.
//  - *_thread: a thread reduces RT_ITEMS consecutive run positions of one output;
//    neighbouring threads take neighbouring outputs, so column reductions (strided
//    runs, dense outputs) read coalesced rows. Partial (o, s) is stored at s * outer + o.
// Every thread folds its items into four interleaved partials before the tree, so float
// sums are pairwise-like: a chain of at most RT_ITEMS / 4 additions, then log2 levels.
// The *_acc variants read partial accumulators of a previous pass instead of elements.

#define RB_ITEMS 16
#define R_TILE (BLOCK * RB_ITEMS)
#define RT_ITEMS 32

struct RedParams {
    u64 in;
    u64 out;
    i64 offset;   // element offset of the view (accumulator units for *_acc)
    i64 outer;    // outputs
    i64 rlen;     // run length reduced per output in this pass
    i64 splits;   // partials per output written by this pass (1 = final)
    i64 count;    // elements per output in the whole reduction (mean's divisor)
    i64 ondim;
    i64 indim;
    i64 oshape[MAXD];
    i64 ostride[MAXD];
    i64 ishape[MAXD];
    i64 istride[MAXD];
};

struct DotParams {
    u64 a;
    u64 b;
    u64 out;
    i64 a_off;
    i64 a_stride;
    i64 b_off;
    i64 b_stride;
    i64 n;
    i64 splits;
};

template <typename T> struct ArgAcc { T v; u32 i; };
template <typename T> struct MomAcc { u64 n; T mean; T m2; };

template <typename T> __device__ __forceinline__ T lowest();
template <> __device__ __forceinline__ float lowest<float>() { return __int_as_float(0xff800000); }
template <> __device__ __forceinline__ double lowest<double>() { return __longlong_as_double(0xfff0000000000000LL); }
template <> __device__ __forceinline__ i32 lowest<i32>() { return (i32)0x80000000u; }
template <> __device__ __forceinline__ u32 lowest<u32>() { return 0u; }
template <typename T> __device__ __forceinline__ T highest();
template <> __device__ __forceinline__ float highest<float>() { return __int_as_float(0x7f800000); }
template <> __device__ __forceinline__ double highest<double>() { return __longlong_as_double(0x7ff0000000000000LL); }
template <> __device__ __forceinline__ i32 highest<i32>() { return 0x7fffffff; }
template <> __device__ __forceinline__ u32 highest<u32>() { return 0xffffffffu; }

// ------------------------------------------------------------------ reducers, one per ReduceOp arm
// identity() is absorbed by merge; from() turns element x at run position i into an
// accumulator; finish() produces the output from the total and the element count.

template <typename T> struct red_sum {
    typedef T Acc; typedef T Out; static constexpr bool kMoments = false;
    static __device__ __forceinline__ Acc identity() { return (T)0; }
    static __device__ __forceinline__ Acc from(T x, i64) { return x; }
    static __device__ __forceinline__ Acc merge(Acc a, Acc b) { return k_add(a, b); }
    static __device__ __forceinline__ Out finish(Acc a, i64) { return a; }
};
template <typename T> struct red_prod {
    typedef T Acc; typedef T Out; static constexpr bool kMoments = false;
    static __device__ __forceinline__ Acc identity() { return (T)1; }
    static __device__ __forceinline__ Acc from(T x, i64) { return x; }
    static __device__ __forceinline__ Acc merge(Acc a, Acc b) { return k_mul(a, b); }
    static __device__ __forceinline__ Out finish(Acc a, i64) { return a; }
};
template <typename T> struct red_max {
    typedef T Acc; typedef T Out; static constexpr bool kMoments = false;
    static __device__ __forceinline__ Acc identity() { return lowest<T>(); }
    static __device__ __forceinline__ Acc from(T x, i64) { return x; }
    static __device__ __forceinline__ Acc merge(Acc a, Acc b) { return k_maximum(a, b); }
    static __device__ __forceinline__ Out finish(Acc a, i64) { return a; }
};
template <typename T> struct red_min {
    typedef T Acc; typedef T Out; static constexpr bool kMoments = false;
    static __device__ __forceinline__ Acc identity() { return highest<T>(); }
    static __device__ __forceinline__ Acc from(T x, i64) { return x; }
    static __device__ __forceinline__ Acc merge(Acc a, Acc b) { return k_minimum(a, b); }
    static __device__ __forceinline__ Out finish(Acc a, i64) { return a; }
};
template <typename T> struct red_mean {
    typedef T Acc; typedef T Out; static constexpr bool kMoments = false;
    static __device__ __forceinline__ Acc identity() { return (T)0; }
    static __device__ __forceinline__ Acc from(T x, i64) { return x; }
    static __device__ __forceinline__ Acc merge(Acc a, Acc b) { return a + b; }
    static __device__ __forceinline__ Out finish(Acc a, i64 n) { return a / (T)n; }  // 0/0 = NaN when empty
};
template <typename T> struct red_norm {
    typedef T Acc; typedef T Out; static constexpr bool kMoments = false;
    static __device__ __forceinline__ Acc identity() { return (T)0; }
    static __device__ __forceinline__ Acc from(T x, i64) { return x * x; }
    static __device__ __forceinline__ Acc merge(Acc a, Acc b) { return a + b; }
    static __device__ __forceinline__ Out finish(Acc a, i64) { return k_sqrt(a); }
};
// Chan et al.'s pairwise update of (count, mean, centred sum of squares), as the CPU.
template <typename T, bool STD> struct red_moments {
    typedef MomAcc<T> Acc; typedef T Out; static constexpr bool kMoments = true;
    static __device__ __forceinline__ Acc identity() { Acc a; a.n = 0; a.mean = (T)0; a.m2 = (T)0; return a; }
    static __device__ __forceinline__ Acc from(T x, i64) { Acc a; a.n = 1; a.mean = x; a.m2 = (T)0; return a; }
    static __device__ __forceinline__ Acc merge(Acc a, Acc b) {
        if (a.n == 0) return b;
        if (b.n == 0) return a;
        Acc r;
        r.n = a.n + b.n;
        const T fa = (T)a.n, fb = (T)b.n, fn = (T)r.n;
        const T d = b.mean - a.mean;
        r.mean = a.mean + d * (fb / fn);
        r.m2 = a.m2 + b.m2 + d * d * (fa * fb / fn);
        return r;
    }
    static __device__ __forceinline__ Out finish(Acc a, i64) {
        const T v = a.m2 / (T)a.n;
        return STD ? k_sqrt(v) : v;
    }
};
template <typename T> struct red_var : red_moments<T, false> {};
template <typename T> struct red_std : red_moments<T, true> {};
// First index of the extreme; a NaN is the extreme. Ties between partials go to the
// smaller index, so the result does not depend on the tree's shape.
#define ARG_NONE 0xffffffffu
template <typename T, bool MAX> struct red_arg {
    typedef ArgAcc<T> Acc; typedef u32 Out; static constexpr bool kMoments = false;
    static __device__ __forceinline__ bool better(T x, T cur) {
        return !k_isnan(cur) && (k_isnan(x) || (MAX ? x > cur : x < cur));
    }
    static __device__ __forceinline__ Acc identity() { Acc a; a.v = (T)0; a.i = ARG_NONE; return a; }
    static __device__ __forceinline__ Acc from(T x, i64 i) { Acc a; a.v = x; a.i = (u32)i; return a; }
    static __device__ __forceinline__ Acc merge(Acc a, Acc b) {
        if (a.i == ARG_NONE) return b;
        if (b.i == ARG_NONE) return a;
        if (better(b.v, a.v)) return b;
        if (better(a.v, b.v)) return a;
        return b.i < a.i ? b : a;
    }
    static __device__ __forceinline__ Out finish(Acc a, i64) { return a.i == ARG_NONE ? 0u : a.i; }
};
template <typename T> struct red_argmax : red_arg<T, true> {};
template <typename T> struct red_argmin : red_arg<T, false> {};

// ------------------------------------------------------------------ warp and block trees

template <typename T> __device__ __forceinline__ T shfl_down(T v, int off) { return __shfl_down_sync(FULL_MASK, v, off); }
template <typename T> __device__ __forceinline__ ArgAcc<T> shfl_down(ArgAcc<T> a, int off) {
    a.v = shfl_down(a.v, off);
    a.i = shfl_down(a.i, off);
    return a;
}
template <typename T> __device__ __forceinline__ MomAcc<T> shfl_down(MomAcc<T> a, int off) {
    a.n = shfl_down(a.n, off);
    a.mean = shfl_down(a.mean, off);
    a.m2 = shfl_down(a.m2, off);
    return a;
}

// The block's total, valid in thread 0. Every thread of the block must call it.
template <class R>
__device__ __forceinline__ typename R::Acc block_reduce(typename R::Acc a) {
    typedef typename R::Acc Acc;
    __shared__ Acc warp_acc[BLOCK / 32];
#pragma unroll
    for (int off = 16; off > 0; off >>= 1) a = R::merge(a, shfl_down(a, off));
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    __syncthreads();  // the previous tile's readers are done with warp_acc
    if (lane == 0) warp_acc[warp] = a;
    __syncthreads();
    if (warp == 0) {
        a = lane < BLOCK / 32 ? warp_acc[lane] : R::identity();
#pragma unroll
        for (int off = 16; off > 0; off >>= 1) a = R::merge(a, shfl_down(a, off));
    }
    return a;
}

// ------------------------------------------------------------------ loads and stores

__device__ __forceinline__ i64 outer_base(const RedParams& p, i64 o) {
    return p.offset + unravel_offset(o, p.ondim, p.oshape, p.ostride);
}
__device__ __forceinline__ i64 inner_offset(const RedParams& p, i64 r) {
    return unravel_offset(r, p.indim, p.ishape, p.istride);
}

// Run position r at storage offset off, as an accumulator.
template <typename T, class R, bool FROM_ACC>
__device__ __forceinline__ typename R::Acc load_at(const RedParams& p, i64 off, i64 r) {
    if constexpr (FROM_ACC) {
        return ((const typename R::Acc*)p.in)[off];
    } else {
        return R::from(((const T*)p.in)[off], r);
    }
}

template <class R>
__device__ __forceinline__ void store(const RedParams& p, i64 o, typename R::Acc acc, i64 partial) {
    if (p.splits == 1)
        ((typename R::Out*)p.out)[o] = R::finish(acc, p.count);
    else
        ((typename R::Acc*)p.out)[partial] = acc;
}

// N items at run positions r0, r0 + step, …, folded into four interleaved partials
// (item k into partial k % 4) and combined pairwise. Loads are staged in registers
// STAGE at a time, so several are in flight per thread without holding all N.
// Moments of raw elements instead take the exact two-pass mean and centred squares of
// the items (as the CPU's leaves). Reduced dims that did not collapse into one take the
// general (unravelling, not unrolled) path.
#define STAGE 8
template <typename T, class R, bool FROM_ACC, int N>
__device__ __forceinline__ typename R::Acc fold_items(const RedParams& p, i64 base, i64 r0, i64 step) {
    typedef typename R::Acc Acc;
    if (p.indim > 1) {
        Acc acc = R::identity();
#pragma unroll 1
        for (int k = 0; k < N; k++) {
            const i64 r = r0 + k * step;
            if (r < p.rlen) acc = R::merge(acc, load_at<T, R, FROM_ACC>(p, base + inner_offset(p, r), r));
        }
        return acc;
    }
    const i64 st = p.indim == 1 ? p.istride[0] : 0;
    const i64 off0 = base + r0 * st, dstep = step * st;
    if constexpr (R::kMoments && !FROM_ACC) {
        T v[N];
        u32 c = 0;
        T sum = (T)0;
#pragma unroll
        for (int k = 0; k < N; k++) {
            const bool in = r0 + k * step < p.rlen;
            v[k] = in ? ((const T*)p.in)[off0 + k * dstep] : (T)0;
        }
#pragma unroll
        for (int k = 0; k < N; k++) {
            if (r0 + k * step < p.rlen) {
                c++;
                sum += v[k];
            }
        }
        if (c == 0) return R::identity();
        const T mean = sum / (T)c;
        T m2 = (T)0;
#pragma unroll
        for (int k = 0; k < N; k++) {
            if (r0 + k * step < p.rlen) {
                const T d = v[k] - mean;
                m2 += d * d;
            }
        }
        Acc a;
        a.n = c;
        a.mean = mean;
        a.m2 = m2;
        return a;
    } else {
        Acc part[4] = {R::identity(), R::identity(), R::identity(), R::identity()};
#pragma unroll 1
        for (int g = 0; g < N; g += STAGE) {
            Acc v[STAGE];
#pragma unroll
            for (int j = 0; j < STAGE; j++) {
                const i64 k = g + j, r = r0 + k * step;
                v[j] = r < p.rlen ? load_at<T, R, FROM_ACC>(p, off0 + k * dstep, r) : R::identity();
            }
#pragma unroll
            for (int j = 0; j < STAGE; j++) part[j & 3] = R::merge(part[j & 3], v[j]);
        }
        return R::merge(R::merge(part[0], part[1]), R::merge(part[2], part[3]));
    }
}

template <typename T, class R, bool FROM_ACC>
__device__ __forceinline__ void reduce_block(const RedParams& p) {
    const i64 total = p.outer * p.splits;
    for (i64 b = blockIdx.x; b < total; b += gridDim.x) {  // uniform per block
        const i64 o = b / p.splits, s = b - o * p.splits;
        const i64 base = outer_base(p, o);
        typename R::Acc acc = fold_items<T, R, FROM_ACC, RB_ITEMS>(p, base, s * R_TILE + threadIdx.x, BLOCK);
        acc = block_reduce<R>(acc);
        if (threadIdx.x == 0) store<R>(p, o, acc, o * p.splits + s);
    }
}

template <typename T, class R, bool FROM_ACC>
__device__ __forceinline__ void reduce_thread(const RedParams& p) {
    const i64 total = p.outer * p.splits;
    for (i64 t = (i64)blockIdx.x * BLOCK + threadIdx.x; t < total; t += (i64)gridDim.x * BLOCK) {
        const i64 s = t / p.outer, o = t - s * p.outer;
        typename R::Acc acc = fold_items<T, R, FROM_ACC, RT_ITEMS>(p, outer_base(p, o), s * RT_ITEMS, 1);
        store<R>(p, o, acc, s * p.outer + o);
    }
}

// Dot: the first pass multiplies two strided 1-D views; later passes are sum merges.
template <typename T>
__device__ __forceinline__ void dot_block(const DotParams& p) {
    for (i64 s = blockIdx.x; s < p.splits; s += gridDim.x) {
        T va[RB_ITEMS], vb[RB_ITEMS];
#pragma unroll
        for (int k = 0; k < RB_ITEMS; k++) {
            const i64 r = s * R_TILE + k * BLOCK + threadIdx.x;
            const bool in = r < p.n;
            va[k] = in ? ((const T*)p.a)[p.a_off + r * p.a_stride] : (T)0;
            vb[k] = in ? ((const T*)p.b)[p.b_off + r * p.b_stride] : (T)0;
        }
        T part[4] = {k_mul(va[0], vb[0]), k_mul(va[1], vb[1]), k_mul(va[2], vb[2]), k_mul(va[3], vb[3])};
#pragma unroll
        for (int k = 4; k < RB_ITEMS; k++) part[k & 3] = k_add(part[k & 3], k_mul(va[k], vb[k]));
        T acc = block_reduce<red_sum<T>>(k_add(k_add(part[0], part[1]), k_add(part[2], part[3])));
        if (threadIdx.x == 0) ((T*)p.out)[s] = acc;  // the final total when splits == 1
    }
}

#define MERGE_KERNELS(NAME, T, R)                                                                                      \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME##_block_acc(RedParams p) { reduce_block<T, R, true>(p); } \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME##_thread_acc(RedParams p) { reduce_thread<T, R, true>(p); }
#define REDUCE_KERNELS(NAME, T, R)                                                                                  \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME##_block(RedParams p) { reduce_block<T, R, false>(p); } \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME##_thread(RedParams p) { reduce_thread<T, R, false>(p); } \
    MERGE_KERNELS(NAME, T, R)
#define DOT_KERNELS(NAME, T)                                                               \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(DotParams p) { dot_block<T>(p); } \
    MERGE_KERNELS(NAME##_merge, T, red_sum<T>)
