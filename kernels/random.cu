// Counter-based random numbers: Philox4x32-10 with the element -> word mapping of
// src/backend/philox.rs, bit for bit. Thread q computes block q once and writes the
// elements that block feeds:
//   u32, i32, f32 uniform : elements 4q .. 4q+3   (word i % 4 of block i / 4)
//   f64 uniform           : elements 2q, 2q+1     (words 2(i%2), 2(i%2)+1 of block i / 2)
//   f32 normal            : pairs 2q, 2q+1 -> elements 4q .. 4q+3
//   f64 normal            : pair q -> elements 2q, 2q+1 (all four words)
// Uniform scaling uses __fmul_rn/__fadd_rn (never contracted to FMA) so f32/f64 streams
// equal the CPU's exactly.

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

struct RandParams {
    u64 out;
    i64 n;
    u64 seed;
    u64 lo;       // integers: low bound bits; gamma: the bits of 1/k (k < 1) or 0
    u64 range;    // integers: high - low (u32, wrapping)
    double a;     // floats: low (uniform) or mean (normal)
    double b;     // floats: high (uniform) or std (normal)
};

// Philox4x32-10 of `counter` under the key `seed`.
__device__ __forceinline__ uint4 philox(uint4 c, u64 seed) {
    u32 k0 = (u32)seed, k1 = (u32)(seed >> 32);
#pragma unroll
    for (int round = 0; round < 10; round++) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        const u32 hi0 = __umulhi(PHILOX_M0, c.x), lo0 = PHILOX_M0 * c.x;
        const u32 hi1 = __umulhi(PHILOX_M1, c.z), lo1 = PHILOX_M1 * c.z;
        c = make_uint4(hi1 ^ c.y ^ k0, lo1, hi0 ^ c.w ^ k1, lo0);
    }
    return c;
}

__device__ __forceinline__ uint4 philox_block(u64 seed, u64 block) {
    return philox(make_uint4((u32)block, (u32)(block >> 32), 0u, 0u), seed);
}

__device__ __forceinline__ float unit_f32(u32 w) { return (float)(w >> 8) * (1.0f / 16777216.0f); }
__device__ __forceinline__ double unit_f64(u32 w0, u32 w1) {
    return ((double)(w0 >> 5) * 67108864.0 + (double)(w1 >> 6)) * (1.0 / 9007199254740992.0);
}
__device__ __forceinline__ float scale_f32(float u, float lo, float hi) {
    const float v = __fadd_rn(lo, __fmul_rn(__fsub_rn(hi, lo), u));
    return v < hi ? v : lo;
}
__device__ __forceinline__ double scale_f64(double u, double lo, double hi) {
    const double v = __dadd_rn(lo, __dmul_rn(__dsub_rn(hi, lo), u));
    return v < hi ? v : lo;
}
__device__ __forceinline__ float2 normal_pair_f32(u32 w0, u32 w1) {
    const float u1 = (float)((w0 >> 8) + 1u) * (1.0f / 16777216.0f);
    const float u2 = unit_f32(w1);
    const float r = sqrtf(-2.0f * logf(u1));
    const float t = 6.28318530717958647692f * u2;
    return make_float2(r * cosf(t), r * sinf(t));
}
__device__ __forceinline__ double2 normal_pair_f64(uint4 w) {
    const double u1 = 1.0 - unit_f64(w.x, w.y);
    const double u2 = unit_f64(w.z, w.w);
    const double r = sqrt(-2.0 * log(u1));
    const double t = 6.28318530717958647692 * u2;
    return make_double2(r * cos(t), r * sin(t));
}

__device__ __forceinline__ u32 word(uint4 w, int j) { return j == 0 ? w.x : j == 1 ? w.y : j == 2 ? w.z : w.w; }

template <typename T> struct uniform_int {
    static __device__ __forceinline__ T f(const RandParams& p, u32 w) { return (T)((u32)p.lo + __umulhi(w, (u32)p.range)); }
};

// Four elements per block: integer and f32 uniforms, f32 normals.
template <typename T, int DIST>
__device__ __forceinline__ void random_words(const RandParams& p) {
    const i64 blocks = (p.n + 3) / 4;
    for (i64 q = (i64)blockIdx.x * BLOCK + threadIdx.x; q < blocks; q += (i64)gridDim.x * BLOCK) {
        const uint4 w = philox_block(p.seed, (u64)q);
        T v[4];
        if constexpr (DIST == 0) {
#pragma unroll
            for (int j = 0; j < 4; j++) v[j] = uniform_int<T>::f(p, word(w, j));
        } else if constexpr (DIST == 1) {
            const float lo = (float)p.a, hi = (float)p.b;
#pragma unroll
            for (int j = 0; j < 4; j++) v[j] = scale_f32(unit_f32(word(w, j)), lo, hi);
        } else {
            const float m = (float)p.a, s = (float)p.b;
            const float2 z0 = normal_pair_f32(w.x, w.y), z1 = normal_pair_f32(w.z, w.w);
            v[0] = __fadd_rn(m, __fmul_rn(s, z0.x));
            v[1] = __fadd_rn(m, __fmul_rn(s, z0.y));
            v[2] = __fadd_rn(m, __fmul_rn(s, z1.x));
            v[3] = __fadd_rn(m, __fmul_rn(s, z1.y));
        }
#pragma unroll
        for (int j = 0; j < 4; j++)
            if (4 * q + j < p.n) ((T*)p.out)[4 * q + j] = v[j];
    }
}

// Two f64 elements per block.
template <int DIST>
__device__ __forceinline__ void random_f64(const RandParams& p) {
    const i64 blocks = (p.n + 1) / 2;
    for (i64 q = (i64)blockIdx.x * BLOCK + threadIdx.x; q < blocks; q += (i64)gridDim.x * BLOCK) {
        const uint4 w = philox_block(p.seed, (u64)q);
        double v0, v1;
        if constexpr (DIST == 1) {
            v0 = scale_f64(unit_f64(w.x, w.y), p.a, p.b);
            v1 = scale_f64(unit_f64(w.z, w.w), p.a, p.b);
        } else {
            const double2 z = normal_pair_f64(w);
            v0 = __dadd_rn(p.a, __dmul_rn(p.b, z.x));
            v1 = __dadd_rn(p.a, __dmul_rn(p.b, z.y));
        }
        ((double*)p.out)[2 * q] = v0;
        if (2 * q + 1 < p.n) ((double*)p.out)[2 * q + 1] = v1;
    }
}

#define UNIFORM_INT_KERNEL(NAME, T) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(RandParams p) { random_words<T, 0>(p); }
#define UNIFORM_F32_KERNEL(NAME) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(RandParams p) { random_words<float, 1>(p); }
#define NORMAL_F32_KERNEL(NAME) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(RandParams p) { random_words<float, 2>(p); }
#define UNIFORM_F64_KERNEL(NAME) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(RandParams p) { random_f64<1>(p); }
#define NORMAL_F64_KERNEL(NAME) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(RandParams p) { random_f64<2>(p); }

// Standard gamma values, one element per thread: attempt r of element i draws a normal
// from block [i, 2r + 1] and a uniform in (0, 1] from block [i, 2r + 2] (the third
// counter word set, see src/backend/philox.rs); Marsaglia and Tsang's test with the
// host's constants d = p.a, c = p.b and 1/k (k < 1, else 0) in the bits of p.lo.
__device__ __forceinline__ uint4 element_block(u64 seed, u64 i, u32 stream) {
    return philox(make_uint4((u32)i, (u32)(i >> 32), stream, 0u), seed);
}

__device__ __forceinline__ float gamma_unit(float, uint4 w) { return (float)((w.x >> 8) + 1u) * (1.0f / 16777216.0f); }
__device__ __forceinline__ double gamma_unit(double, uint4 w) { return 1.0 - unit_f64(w.x, w.y); }
__device__ __forceinline__ float gamma_normal(float, uint4 w) { return normal_pair_f32(w.x, w.y).x; }
__device__ __forceinline__ double gamma_normal(double, uint4 w) { return normal_pair_f64(w).x; }

template <typename T>
__device__ __forceinline__ void gamma_body(const RandParams& p) {
    const T d = (T)p.a, c = (T)p.b, inv_k = (T)__longlong_as_double((long long)p.lo);
    for (i64 i = (i64)blockIdx.x * BLOCK + threadIdx.x; i < p.n; i += (i64)gridDim.x * BLOCK) {
        T res = d;
        for (u32 r = 0; r < 16u; r++) {
            const T x = gamma_normal(T(0), element_block(p.seed, (u64)i, 2u * r + 1u));
            const T u = gamma_unit(T(0), element_block(p.seed, (u64)i, 2u * r + 2u));
            const T s = T(1) + c * x;
            if (s > T(0)) {
                const T v = s * s * s;
                res = d * v;
                if (log(u) < T(0.5) * x * x + d - d * v + d * log(v)) break;
            }
        }
        if (inv_k > T(0)) res *= exp(log(gamma_unit(T(0), element_block(p.seed, (u64)i, 33u))) * inv_k);
        ((T*)p.out)[i] = res;
    }
}
#define GAMMA_KERNEL(NAME, T) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(RandParams p) { gamma_body<T>(p); }
