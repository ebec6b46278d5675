// Shared by every kernel family (prepended to each NVRTC program; NVRTC has no include
// path here). Fixed-width types, the parameter blocks the host fills — their C layout
// must match src/backend/cuda/params.rs, which the host checks with static_asserts it
// appends to every program — strided indexing, and the scalar semantics of the CPU
// reference (src/backend/cpu/num.rs): wrapping integers, x/0 = x%0 = 0, NaN-propagating
// maximum/minimum, round half to even, saturating float->int casts with NaN -> 0.

typedef unsigned char u8;
typedef int i32;
typedef unsigned int u32;
typedef long long i64;
typedef unsigned long long u64;

#define MAXD 8          // dimensions a kernel indexes after collapsing (host splits the rest)
#define BLOCK 256       // threads per block for every kernel
#define EW_ITEMS 4      // elements per thread per tile in elementwise kernels
#define FULL_MASK 0xffffffffu

// ------------------------------------------------------------------ parameter blocks
// Every field is 8 bytes wide so the C and Rust layouts have no padding to disagree on.

struct Operand {
    u64 ptr;              // device address of element 0 of the storage
    i64 offset;           // element offset of the view
    i64 strides[MAXD];    // element strides over the collapsed shape (0 = broadcast)
    u64 scalar;           // the value's bits when is_scalar
    u64 is_scalar;
};

struct EwParams {
    i64 n;                // elements in the output (row-major, contiguous)
    i64 ndim;             // collapsed dimensions (0..=MAXD)
    i64 shape[MAXD];
    Operand in[4];
    u64 out;
};

// ------------------------------------------------------------------ bits and loads

template <typename T> __device__ __forceinline__ T from_bits(u64 b);
template <> __device__ __forceinline__ float from_bits<float>(u64 b) { return __uint_as_float((u32)b); }
template <> __device__ __forceinline__ double from_bits<double>(u64 b) { return __longlong_as_double((i64)b); }
template <> __device__ __forceinline__ i32 from_bits<i32>(u64 b) { return (i32)(u32)b; }
template <> __device__ __forceinline__ u32 from_bits<u32>(u64 b) { return (u32)b; }
template <> __device__ __forceinline__ u8 from_bits<u8>(u64 b) { return (u8)b; }
template <> __device__ __forceinline__ u64 from_bits<u64>(u64 b) { return b; }

template <typename T>
__device__ __forceinline__ T ld(const Operand& o, i64 off) {
    return o.is_scalar ? from_bits<T>(o.scalar) : ((const T*)o.ptr)[off];
}

// Storage offsets of linear element i for the first N operands, for ndim >= 2. The
// host keeps such launches under 2^32 elements (it splits bigger ones), so 32-bit
// division suffices. Loops are fully unrolled so the parameter arrays are indexed with
// constants (no local memory).
template <int N>
__device__ __forceinline__ void ew_offsets(const EwParams& p, u32 i, i64 (&off)[N]) {
#pragma unroll
    for (int k = 0; k < N; k++) off[k] = p.in[k].offset;
#pragma unroll
    for (int d = MAXD - 1; d >= 0; d--) {
        if (d < p.ndim) {
            const u32 s = (u32)p.shape[d];
            const u32 q = i / s;
            const i64 idx = (i64)(i - q * s);
            i = q;
#pragma unroll
            for (int k = 0; k < N; k++) off[k] += idx * p.in[k].strides[d];
        }
    }
}

// Storage offset of linear index i over (shape, strides) with nd <= MAXD dimensions.
__device__ __forceinline__ i64 unravel_offset(i64 i, i64 nd, const i64 (&shape)[MAXD], const i64 (&strides)[MAXD]) {
    if (nd == 0) return 0;
    if (nd == 1) return i * strides[0];
    i64 off = 0;
#pragma unroll
    for (int d = MAXD - 1; d >= 0; d--) {
        if (d < nd) {
            i64 q = i / shape[d];
            off += (i - q * shape[d]) * strides[d];
            i = q;
        }
    }
    return off;
}

// ------------------------------------------------------------------ scalar semantics
// Signed overflow is undefined in C++, so i32 arithmetic goes through u32 (wrapping).

__device__ __forceinline__ float k_add(float a, float b) { return a + b; }
__device__ __forceinline__ double k_add(double a, double b) { return a + b; }
__device__ __forceinline__ i32 k_add(i32 a, i32 b) { return (i32)((u32)a + (u32)b); }
__device__ __forceinline__ u32 k_add(u32 a, u32 b) { return a + b; }

__device__ __forceinline__ float k_sub(float a, float b) { return a - b; }
__device__ __forceinline__ double k_sub(double a, double b) { return a - b; }
__device__ __forceinline__ i32 k_sub(i32 a, i32 b) { return (i32)((u32)a - (u32)b); }
__device__ __forceinline__ u32 k_sub(u32 a, u32 b) { return a - b; }

__device__ __forceinline__ float k_mul(float a, float b) { return a * b; }
__device__ __forceinline__ double k_mul(double a, double b) { return a * b; }
__device__ __forceinline__ i32 k_mul(i32 a, i32 b) { return (i32)((u32)a * (u32)b); }
__device__ __forceinline__ u32 k_mul(u32 a, u32 b) { return a * b; }

__device__ __forceinline__ float k_div(float a, float b) { return a / b; }
__device__ __forceinline__ double k_div(double a, double b) { return a / b; }
__device__ __forceinline__ i32 k_div(i32 a, i32 b) {
    if (b == 0) return 0;
    if (b == -1) return (i32)(0u - (u32)a);  // i32::MIN / -1 wraps to i32::MIN
    return a / b;
}
__device__ __forceinline__ u32 k_div(u32 a, u32 b) { return b == 0 ? 0u : a / b; }

__device__ __forceinline__ float k_rem(float a, float b) { return fmodf(a, b); }
__device__ __forceinline__ double k_rem(double a, double b) { return fmod(a, b); }
__device__ __forceinline__ i32 k_rem(i32 a, i32 b) { return (b == 0 || b == -1) ? 0 : a % b; }
__device__ __forceinline__ u32 k_rem(u32 a, u32 b) { return b == 0 ? 0u : a % b; }

__device__ __forceinline__ u32 k_pow_u32(u32 b, u32 e) {
    u32 acc = 1u;
    while (e > 0u) {
        if (e & 1u) acc *= b;
        b *= b;
        e >>= 1;
    }
    return acc;
}
__device__ __forceinline__ float k_pow(float a, float b) { return powf(a, b); }
__device__ __forceinline__ double k_pow(double a, double b) { return pow(a, b); }
__device__ __forceinline__ u32 k_pow(u32 a, u32 b) { return k_pow_u32(a, b); }
__device__ __forceinline__ i32 k_pow(i32 a, i32 b) {
    if (b < 0) return a == 1 ? 1 : (a == -1 ? ((b & 1) ? -1 : 1) : 0);
    return (i32)k_pow_u32((u32)a, (u32)b);
}


// NumPy's `//` and `%`: floor division and the remainder with the divisor's sign.
// Integers: x // 0 = x % 0 = 0 (MIN // -1 wraps, as k_div). Floats: npy_divmod.
__device__ __forceinline__ i32 k_floor_div(i32 a, i32 b) {
    if (b == 0) return 0;
    i32 q = k_div(a, b), r = k_rem(a, b);
    return (r != 0 && ((r < 0) != (b < 0))) ? (i32)((u32)q - 1u) : q;
}
__device__ __forceinline__ i32 k_floor_rem(i32 a, i32 b) {
    if (b == 0) return 0;
    i32 r = k_rem(a, b);
    return (r != 0 && ((r < 0) != (b < 0))) ? (i32)((u32)r + (u32)b) : r;
}
__device__ __forceinline__ u32 k_floor_div(u32 a, u32 b) { return k_div(a, b); }
__device__ __forceinline__ u32 k_floor_rem(u32 a, u32 b) { return k_rem(a, b); }
template <typename T> __device__ __forceinline__ void k_floor_divmod(T a, T b, T& q, T& r) {
    T m = fmod(a, b);
    if (b == (T)0) { q = a / b; r = m; return; }
    T div = (a - m) / b;
    r = m;
    if (m != (T)0) {
        if ((b < (T)0) != (m < (T)0)) { r = m + b; div -= (T)1; }
    } else {
        r = copysign((T)0, b);
    }
    if (div != (T)0) {
        q = floor(div);
        if (div - q > (T)0.5) q += (T)1;
    } else {
        q = copysign((T)0, a / b);
    }
}
__device__ __forceinline__ float k_floor_div(float a, float b) { float q, r; k_floor_divmod(a, b, q, r); return q; }
__device__ __forceinline__ double k_floor_div(double a, double b) { double q, r; k_floor_divmod(a, b, q, r); return q; }
__device__ __forceinline__ float k_floor_rem(float a, float b) { float q, r; k_floor_divmod(a, b, q, r); return r; }
__device__ __forceinline__ double k_floor_rem(double a, double b) { double q, r; k_floor_divmod(a, b, q, r); return r; }
__device__ __forceinline__ float k_atan2(float a, float b) { return atan2f(a, b); }
__device__ __forceinline__ double k_atan2(double a, double b) { return atan2(a, b); }
__device__ __forceinline__ float k_hypot(float a, float b) { return hypotf(a, b); }
__device__ __forceinline__ double k_hypot(double a, double b) { return hypot(a, b); }
__device__ __forceinline__ float k_copysign(float a, float b) { return copysignf(a, b); }
__device__ __forceinline__ double k_copysign(double a, double b) { return copysign(a, b); }

// NumPy's shifts: the amount's bits as unsigned; 32 or more gives 0 (or -1 for a
// negative int shifted right). Integer types only (instantiated for int and unsigned).
__device__ __forceinline__ int k_shl(int a, int b) {
    unsigned s = (unsigned)b;
    return s >= 32u ? 0 : (int)((unsigned)a << s);
}
__device__ __forceinline__ unsigned k_shl(unsigned a, unsigned b) { return b >= 32u ? 0u : a << b; }
__device__ __forceinline__ int k_shr(int a, int b) {
    unsigned s = (unsigned)b;
    return s >= 32u ? (a < 0 ? -1 : 0) : a >> s;
}
__device__ __forceinline__ unsigned k_shr(unsigned a, unsigned b) { return b >= 32u ? 0u : a >> b; }

template <typename T> __device__ __forceinline__ bool k_isnan(T x) { return x != x; }

// NaN-propagating; on ties the first operand wins (as the CPU reference).
template <typename T> __device__ __forceinline__ T k_maximum(T a, T b) {
    if (k_isnan(a) || a > b) return a;
    if (k_isnan(b) || b > a) return b;
    return a;
}
template <typename T> __device__ __forceinline__ T k_minimum(T a, T b) {
    if (k_isnan(a) || a < b) return a;
    if (k_isnan(b) || b < a) return b;
    return a;
}
// NumPy's fmax/fmin: maximum/minimum ignoring one NaN (as the CPU's Num::fmax).
template <typename T> __device__ __forceinline__ T k_fmax(T a, T b) {
    return k_isnan(a) ? b : (k_isnan(b) ? a : k_maximum(a, b));
}
template <typename T> __device__ __forceinline__ T k_fmin(T a, T b) {
    return k_isnan(a) ? b : (k_isnan(b) ? a : k_minimum(a, b));
}

__device__ __forceinline__ float k_neg(float x) { return -x; }
__device__ __forceinline__ double k_neg(double x) { return -x; }
__device__ __forceinline__ i32 k_neg(i32 x) { return (i32)(0u - (u32)x); }
__device__ __forceinline__ u32 k_neg(u32 x) { return 0u - x; }

__device__ __forceinline__ float k_abs(float x) { return fabsf(x); }
__device__ __forceinline__ double k_abs(double x) { return fabs(x); }
__device__ __forceinline__ i32 k_abs(i32 x) { return x < 0 ? (i32)(0u - (u32)x) : x; }
__device__ __forceinline__ u32 k_abs(u32 x) { return x; }

template <typename T> __device__ __forceinline__ T k_relu(T x) { return x < (T)0 ? (T)0 : x; }  // NaN stays NaN

__device__ __forceinline__ float k_sqrt(float x) { return sqrtf(x); }
__device__ __forceinline__ double k_sqrt(double x) { return sqrt(x); }
__device__ __forceinline__ float k_exp(float x) { return expf(x); }
__device__ __forceinline__ double k_exp(double x) { return exp(x); }
__device__ __forceinline__ float k_ln(float x) { return logf(x); }
__device__ __forceinline__ double k_ln(double x) { return log(x); }
__device__ __forceinline__ float k_sin(float x) { return sinf(x); }
__device__ __forceinline__ double k_sin(double x) { return sin(x); }
__device__ __forceinline__ float k_cos(float x) { return cosf(x); }
__device__ __forceinline__ double k_cos(double x) { return cos(x); }
__device__ __forceinline__ void k_sincos(float x, float* s, float* c) { sincosf(x, s, c); }
__device__ __forceinline__ void k_sincos(double x, double* s, double* c) { sincos(x, s, c); }
__device__ __forceinline__ float k_tanh(float x) { return tanhf(x); }
__device__ __forceinline__ double k_tanh(double x) { return tanh(x); }
__device__ __forceinline__ float k_floor(float x) { return floorf(x); }
__device__ __forceinline__ double k_floor(double x) { return floor(x); }
__device__ __forceinline__ float k_ceil(float x) { return ceilf(x); }
__device__ __forceinline__ double k_ceil(double x) { return ceil(x); }
__device__ __forceinline__ float k_round(float x) { return rintf(x); }   // ties to even
__device__ __forceinline__ double k_round(double x) { return rint(x); }
__device__ __forceinline__ float k_sigmoid(float x) { return 1.0f / (1.0f + expf(-x)); }
__device__ __forceinline__ double k_sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }
__device__ __forceinline__ float k_recip(float x) { return 1.0f / x; }
__device__ __forceinline__ double k_recip(double x) { return 1.0 / x; }
__device__ __forceinline__ float k_tan(float x) { return tanf(x); }
__device__ __forceinline__ double k_tan(double x) { return tan(x); }
__device__ __forceinline__ float k_sinh(float x) { return sinhf(x); }
__device__ __forceinline__ double k_sinh(double x) { return sinh(x); }
__device__ __forceinline__ float k_cosh(float x) { return coshf(x); }
__device__ __forceinline__ double k_cosh(double x) { return cosh(x); }
__device__ __forceinline__ float k_asin(float x) { return asinf(x); }
__device__ __forceinline__ double k_asin(double x) { return asin(x); }
__device__ __forceinline__ float k_acos(float x) { return acosf(x); }
__device__ __forceinline__ double k_acos(double x) { return acos(x); }
__device__ __forceinline__ float k_atan(float x) { return atanf(x); }
__device__ __forceinline__ double k_atan(double x) { return atan(x); }
__device__ __forceinline__ float k_exp2(float x) { return exp2f(x); }
__device__ __forceinline__ double k_exp2(double x) { return exp2(x); }
__device__ __forceinline__ float k_exp_m1(float x) { return expm1f(x); }
__device__ __forceinline__ double k_exp_m1(double x) { return expm1(x); }
__device__ __forceinline__ float k_log2(float x) { return log2f(x); }
__device__ __forceinline__ double k_log2(double x) { return log2(x); }
__device__ __forceinline__ float k_log10(float x) { return log10f(x); }
__device__ __forceinline__ double k_log10(double x) { return log10(x); }
__device__ __forceinline__ float k_ln_1p(float x) { return log1pf(x); }
__device__ __forceinline__ double k_ln_1p(double x) { return log1p(x); }
__device__ __forceinline__ float k_trunc(float x) { return truncf(x); }
__device__ __forceinline__ double k_trunc(double x) { return trunc(x); }
__device__ __forceinline__ float k_erf(float x) { return erff(x); }
__device__ __forceinline__ double k_erf(double x) { return erf(x); }
__device__ __forceinline__ float k_erfc(float x) { return erfcf(x); }
__device__ __forceinline__ double k_erfc(double x) { return erfc(x); }
__device__ __forceinline__ float k_erfcx(float x) { return erfcxf(x); }
__device__ __forceinline__ double k_erfcx(double x) { return erfcx(x); }
__device__ __forceinline__ float k_ln_gamma(float x) { return lgammaf(x); }
__device__ __forceinline__ double k_ln_gamma(double x) { return lgamma(x); }
__device__ __forceinline__ float k_erfinv(float x) { return erfinvf(x); }
__device__ __forceinline__ double k_erfinv(double x) { return erfinv(x); }
__device__ __forceinline__ float k_erfcinv(float x) { return erfcinvf(x); }
__device__ __forceinline__ double k_erfcinv(double x) { return erfcinv(x); }
__device__ __forceinline__ float k_ndtri(float x) { return normcdfinvf(x); }
__device__ __forceinline__ double k_ndtri(double x) { return normcdfinv(x); }
__device__ __forceinline__ float k_ndtr(float x) { return normcdff(x); }
__device__ __forceinline__ double k_ndtr(double x) { return normcdf(x); }
__device__ __forceinline__ float k_i0(float x) { return cyl_bessel_i0f(x); }
__device__ __forceinline__ double k_i0(double x) { return cyl_bessel_i0(x); }
__device__ __forceinline__ float k_gamma(float x) { return tgammaf(x); }
__device__ __forceinline__ double k_gamma(double x) { return tgamma(x); }

// ψ(x) = Γ'(x)/Γ(x): CUDA has no digamma, so this is ours (src/backend/cpu/special.rs
// and shaders/gamma_math.wgsl are the same algorithm): (x − x₀)·R(x) on [1, 2] around
// the positive root x₀ (in two parts), a fit on [2, 3] with ψ(x + 1) = ψ(x) + 1/x below
// 10, the asymptotic series above, reflection below 0 (sinpi/cospi reduce exactly).
// The fits are mpmath's Chebyshev fits in s = x − 1.5 or x − 2.5, highest power first.
__device__ const double K_DIGAMMA_1_2[22] = {-0.00017312261802727394, 0.00025968482126430747, -0.00015148586836773365, 0.0002272331660987376, -0.0004821990530566789, 0.0007233266279287554, -0.0010376374098418604, 0.0015566317474486838, -0.002345267632540769, 0.003519006401502276, -0.005279964873257405, 0.007926944646403797, -0.011908218001568644, 0.0179072524394512, -0.02697579675613825, 0.04076083381242074, -0.061922133273064534, 0.09498872445494122, -0.14840492305390884, 0.2405424842407742, -0.4236274212814605, 0.951055876031833};
__device__ const double K_DIGAMMA_2_3[18] = {8.267815845287522e-08, -2.0687583795242883e-07, 4.2481223325063033e-07, -1.0640705254157975e-06, 2.7109965480846823e-06, -6.803232576993842e-06, 1.708891125596372e-05, -4.3052048513574485e-05, 0.00010882586435206692, -0.00027643930999581804, 0.0007073881640957325, -0.0018305640355441625, 0.004821409821419739, -0.013073166646180193, 0.03731764146954176, -0.11810202582086309, 0.49035775610023485, 0.7031566406452432};
__device__ const double K_DIGAMMA_ASYMPTOTIC[8] = {-3617.0 / 8160.0, 1.0 / 12.0, -691.0 / 32760.0, 1.0 / 132.0,
                                                   -1.0 / 240.0, 1.0 / 252.0, -1.0 / 120.0, 1.0 / 12.0};
template <typename T, int N> __device__ __forceinline__ T k_horner(const double (&c)[N], T s) {
    T p = (T)c[0];
#pragma unroll
    for (int i = 1; i < N; ++i) p = p * s + (T)c[i];
    return p;
}
template <typename T> struct DigammaRoot;
template <> struct DigammaRoot<float> { static __device__ float hi() { return 1.4616321325302124f; } static __device__ float lo() { return 1.243815006546356e-08f; } };
template <> struct DigammaRoot<double> { static __device__ double hi() { return 1.4616321449683622; } static __device__ double lo() { return 9.549995429965697e-17; } };
__device__ __forceinline__ float k_sinpi(float x) { return sinpif(x); }
__device__ __forceinline__ double k_sinpi(double x) { return sinpi(x); }
__device__ __forceinline__ float k_cospi(float x) { return cospif(x); }
__device__ __forceinline__ double k_cospi(double x) { return cospi(x); }
__device__ __forceinline__ float k_log(float x) { return logf(x); }
__device__ __forceinline__ double k_log(double x) { return log(x); }
// a + b exactly: s + err.
template <typename T> __device__ __forceinline__ T k_two_sum(T a, T b, T& err) {
    const T s = a + b;
    const T bb = s - a;
    err = (a - (s - bb)) + (b - bb);
    return s;
}
// ψ(y + yl) for y >= 1, |yl| <= ulp(y)/2.
template <typename T> __device__ T k_digamma_from_1(T y, T yl) {
    const T iy = (T)1 / y;
    const T corr = (iy + iy * iy * ((T)0.5 + iy * ((T)1 / (T)6))) * yl;
    if (y >= (T)10) {
        const T z = iy * iy;
        return k_log(y) - ((T)0.5 * iy + z * k_horner(K_DIGAMMA_ASYMPTOTIC, z)) + corr;
    }
    if (y < (T)2) return ((y - DigammaRoot<T>::hi()) - DigammaRoot<T>::lo()) * k_horner(K_DIGAMMA_1_2, y - (T)1.5) + corr;
    const int n = (int)y - 2;
    const T t = y - (T)n;
    T acc = 0;
    for (int j = n - 1; j >= 0; --j) acc += (T)1 / (t + (T)j);
    return (k_horner(K_DIGAMMA_2_3, t - (T)2.5) + acc) + corr;
}
__device__ __forceinline__ float k_special(float, bool nan) { return __int_as_float(nan ? 0x7fc00000 : 0x7f800000); }
__device__ __forceinline__ double k_special(double, bool nan) {
    return __longlong_as_double(nan ? 0x7ff8000000000000LL : 0x7ff0000000000000LL);
}
// Dawson's integral and erfi: src/backend/cpu/special.rs' algorithm (dawsn, erfi) on
// CUDA's exp; the series below |x| = 1, Rybicki's sampling formula (h = ¼, 14 terms
// each side) above, 1/(2x) past 1e9.
template <typename T> __device__ T k_dawsn_rybicki(T a) {
    if (a > (T)1e9) return (T)0.5 / a;
    const T h = (T)0.25, n0 = (T)2 * k_round((T)0.5 * a / h), xi = a - n0 * h;
    // c_(i+1) = c_i·q^(i+1) with c_0 = e^(−h²), q = e^(−8h²).
    const T e1 = k_exp((T)2 * xi * h), e2 = e1 * e1, q = (T)0.6065306597126334;
    T c = (T)0.9394130628134758, r = q, d1 = n0 + (T)1, d2 = n0 - (T)1, p = e1, s = (T)0;
    for (int i = 0; i < 14; ++i) {
        s += c * (p / d1 + (T)1 / (d2 * p));
        d1 += (T)2;
        d2 -= (T)2;
        p *= e2;
        c *= r;
        r *= q;
    }
    return (T)0.5641895835477563 * k_exp(-xi * xi) * s;
}
template <typename T> __device__ T k_dawsn(T x) {
    const T a = fabs(x);
    if (a < (T)1) {
        const T t = (T)-2 * x * x;
        T s = (T)1;
        for (int k = 20; k >= 1; --k) s = (T)1 + s * t / (T)(2 * k + 1);
        return x * s;
    }
    if (x != x) return x;
    return k_copysign(k_dawsn_rybicki(a), x);
}
template <typename T> __device__ T k_erfi(T x) {
    const T a = fabs(x);
    if (a < (T)1) {
        const T y = x * x;
        T term = (T)1, s = (T)1;
        for (int k = 1; k <= 18; ++k) {
            term *= y / (T)k;
            s += term / (T)(2 * k + 1);
        }
        return (T)1.1283791670955126 * x * s;
    }
    if (x != x) return x;
    if (a > (T)27) return k_copysign(k_special(x, false), x);
    // e^(a²) = e^(z²)·e^((a − z)(a + z)), z² exact; e^(z²) in halves where it overflows.
    const T split = sizeof(T) == 4 ? (T)128 : (T)1048576;
    const T z = floor(a * split) / split, zz = z * z;
    const T d = (T)1.1283791670955126 * k_dawsn_rybicki(a) * k_exp((a - z) * (a + z));
    T v;
    if (zz > (sizeof(T) == 4 ? (T)85 : (T)700)) {
        const T hh = k_exp((T)0.5 * zz);
        v = d * hh * hh;
    } else {
        v = d * k_exp(zz);
    }
    return k_copysign(v, x);
}
template <typename T> __device__ T k_digamma(T x) {
    if (x != x) return x;
    if (x == (T)0) return signbit(x) ? k_special(x, false) : -k_special(x, false);
    if (x < (T)0) {
        if (floor(x) == x) return k_special(x, true);
        T yl;
        const T y = k_two_sum((T)1, -x, yl);                  // 1 − x split exactly
        const T r = x - rint(x);
        return k_digamma_from_1(y, yl) - (T)3.141592653589793 * k_cospi(r) / k_sinpi(r);
    }
    if (x < (T)1) {
        T yl;
        const T y = k_two_sum(x, (T)1, yl);
        return k_digamma_from_1(y, yl) - (T)1 / x;
    }
    return k_digamma_from_1(x, (T)0);
}
// ln |B(a, b)| (SciPy's betaln): src/backend/cpu/special.rs' algorithm (betaln) on CUDA's
// tgamma and lgamma and our digamma.
// ½ ln 2π (Stirling's constant) and √(2π), correctly rounded.
constexpr double K_HALF_LN_2PI = 0.9189385332046728;
constexpr double K_SQRT_2PI = 2.5066282746310007;
template <typename T> __device__ T k_stirling_series(T x) {
    const T ix = (T)1 / x, z = ix * ix;
    T p = (T)(-3617.0 / 122400.0);
    p = p * z + (T)(1.0 / 156.0);
    p = p * z - (T)(691.0 / 360360.0);
    p = p * z + (T)(1.0 / 1188.0);
    p = p * z - (T)(1.0 / 1680.0);
    p = p * z + (T)(1.0 / 1260.0);
    p = p * z - (T)(1.0 / 360.0);
    p = p * z + (T)(1.0 / 12.0);
    return ix * p;
}
// ln Γ(b) − ln Γ(a) for a, b >= 10, b = a + m: Stirling's series without the terms of ln Γ's
// size, each of m's (src/backend/cpu/special.rs: stirling_ln_gamma_ratio).
template <typename T> __device__ T k_stirling_ln_gamma_ratio(T a, T b, T m) {
    return (a - (T)0.5) * k_ln_1p(m / a) + m * (k_log(b) - (T)1) + (k_stirling_series(b) - k_stirling_series(a));
}
template <typename T> __device__ __forceinline__ bool k_gamma_pole(T x) { return x <= (T)0 && floor(x) == x; }
// ln |Γ(x)| as a call: k_binom's far path takes it so (inlined there, CUDA's lgamma held
// binary_binom_f64 to 64 registers with 48 B of spills).
template <typename T> __device__ __noinline__ T k_ln_gamma_call(T x) { return k_ln_gamma(x); }
template <typename T> __device__ __forceinline__ T k_sin_pi_parts(T x, T xl);
// ln |B(lo, hi)| for lo <= hi, s = lo + hi, without Γ itself (betaln past Γ's reach;
// src/backend/cpu/special.rs: betaln_past_gamma), by Stirling's series for B(lo, hi)
// where lo >= 0 (s is past the reach); for lo < 0 and s <= −9, (sin πs/sin π lo)·B(hi,
// 1 − s) by reflection; for lo < 0 and −9 < s, π/(sin π lo·(s − 1)·B(s − 1, 1 − lo)),
// Γ(lo) alone reflected; the series again for those Bs. ln Γ by a call when CALL.
template <typename T, bool CALL = false> __device__ T k_betaln_past_gamma(T lo, T hi, T s) {
    const auto lg = [](T x) { return CALL ? k_ln_gamma_call(x) : k_ln_gamma(x); };
    const bool far = lo >= (T)0, refl = !far && s <= (T)-9;
    T sl;
    const T sh = k_two_sum(lo, hi, sl);
    const T z = ((T)1 - sh) - sl;
    // The series' pair and sum: (lo, hi; s), (min(hi, z), max(hi, z); 1 − lo) reflected,
    // (min(−z, 1 − lo), max(−z, 1 − lo); hi) with Γ(lo) alone reflected.
    const T p = refl ? hi : -z, q = refl ? z : (T)1 - lo;
    const T a = far ? lo : fmin(p, q), b = far ? hi : fmax(p, q);
    const T c = far ? s : refl ? (T)1 - lo : hi;
    T pre = 0;
    if (!far) {
        const T num = refl ? k_log(fabs(k_sin_pi_parts(sh, sl))) : (T)1.1447298858494002 - k_log(fabs(z));
        pre = num - k_log(fabs(k_sin_pi_parts(lo, (T)0)));
    }
    const T ln_b = k_log(b), ln_1p_ratio = k_ln_1p(a / b);
    const T tail = k_stirling_series(b) - k_stirling_series(c);
    T series;
    if (a >= (T)10) {
        series = (T)K_HALF_LN_2PI - (T)0.5 * ln_b + (a - (T)0.5) * k_log(a / c) - b * ln_1p_ratio
                 + (k_stirling_series(a) + tail);
    } else {
        const T bracket = (c - (T)0.5) * ln_1p_ratio - a;
        series = lg(a) + (tail - (a * ln_b + bracket));
    }
    return pre + (far || refl ? series : -series);
}
// beta's and betaln's arguments ordered (lo, hi) with their sum s + sl, or the edge that
// decides them (src/backend/cpu/special.rs: beta_args): 1 for a NaN or −∞ argument, 2 for
// one at a pole of Γ (B = ±∞), 3 where only the sum is one or an argument is +∞ with the
// other positive (B = 0); 0 for none.
template <typename T> __device__ int k_beta_args(T a, T b, T& lo, T& hi, T& s, T& sl) {
    lo = a <= b ? a : b;
    hi = a <= b ? b : a;
    if (a != a || b != b || (isinf(lo) && lo < (T)0)) return 1;
    if (k_gamma_pole(lo) || k_gamma_pole(hi)) return 2;
    s = k_two_sum(lo, hi, sl);
    if (k_gamma_pole(s) || (isinf(hi) && lo > (T)0)) return 3;
    return 0;
}
// The value at an edge of k_beta_args, with zero what B = 0 is (0 for beta, −∞ for betaln).
template <typename T> __device__ T k_beta_edge(int edge, T zero) {
    return edge == 1 ? k_special(zero, true) : edge == 2 ? k_special(zero, false) : zero;
}
template <typename T> __device__ T k_betaln(T a, T b) {
    T lo, hi, s, sl;
    const int edge = k_beta_args(a, b, lo, hi, s, sl);
    if (edge != 0) return k_beta_edge(edge, -k_special(a, false));
    const T reach = sizeof(T) == 4 ? (T)34 : (T)171;
    if (fabs(lo) <= reach && hi <= reach && fabs(s) <= reach) {
        const T g_hi = k_gamma(hi), g_s = k_gamma(s), corr = (T)1 + k_digamma(s) * sl;
        const T g_lo = k_gamma(lo);
        if (isinf(g_lo)) return k_ln_gamma(lo) + k_log(fabs(g_hi / g_s / corr));
        // A Γ(s) below 1 divides Γ(lo) first (src/backend/cpu/special.rs: betaln).
        const T ratio = fabs(g_s) < (T)1 ? (g_lo / g_s) * g_hi : g_lo * (g_hi / g_s);
        return k_log(fabs(ratio / corr));
    }
    return k_betaln_past_gamma(lo, hi, s);
}
// B(a, b) (SciPy's beta; src/backend/cpu/special.rs: beta): betaln's ratio of Γs where Γ
// reaches, else ±e^betaln with the Γs' signs (Γ < 0 on (−2k − 1, −2k)).
// The sign of Γ(x) away from its poles (k_beta, k_binom): negative on (−2j − 1, −2j).
template <typename T> __device__ __forceinline__ T k_gamma_sign(T x) {
    const T f = floor(x);
    return x < (T)0 && floor(f * (T)0.5) != f * (T)0.5 ? (T)-1 : (T)1;
}
template <typename T> __device__ T k_beta(T a, T b) {
    T lo, hi, s, sl;
    const int edge = k_beta_args(a, b, lo, hi, s, sl);
    if (edge != 0) return k_beta_edge(edge, (T)0);
    const T reach = sizeof(T) == 4 ? (T)34 : (T)171;
    if (fabs(lo) <= reach && hi <= reach && fabs(s) <= reach) {
        const T g_lo = k_gamma(lo), g_hi = k_gamma(hi), g_s = k_gamma(s);
        const T ratio = fabs(g_s) < (T)1 ? (g_lo / g_s) * g_hi : g_lo * (g_hi / g_s);
        return ratio / ((T)1 + k_digamma(s) * sl);
    }
    return k_gamma_sign(lo) * k_gamma_sign(hi) * k_gamma_sign(s) * k_exp(k_betaln_past_gamma(lo, hi, s));
}
// (z)_m, the Pochhammer symbol (SciPy's poch): src/backend/cpu/poch.rs' algorithm on
// CUDA's tgamma, lgamma, log1p and sinpi/cospi (which reduce exactly), our digamma, and
// products carried in two parts by fma.
// ∏(z + j) (or 1/∏(z − j)) for integer |m| <= 64; NaN where it (or for m < 0 its
// reciprocal) leaves the normal range, for the general path. k_poch calls this and the Γ
// ratio below rather than inlining them: inlined, k_poch_f64 spilled 16 B on sm_90.
// k_binom inlines both: with calls there, binary_binom_f64 spilled 96 B.
template <typename T> __device__ __forceinline__ T k_poch_product(T z, T m) {
    const bool up = m > (T)0;
    T ph = 1, pl = 0;
    const int n = (int)fabs(m);
    for (int j = 0; j < n; ++j) {
        T fl, e;
        const T fh = k_two_sum(z, up ? (T)j : -(T)(j + 1), fl);
        const T h = ph * fh;
        const T err = fma(ph, fh, -h);
        const T next = k_two_sum(h, err + (ph * fl + pl * fh), e);
        ph = next;
        pl = e;
    }
    if (!isfinite(ph)) return k_special(z, true);
    if (up) return ph + pl;
    if (ph == (T)0) return k_special(z, false);             // z − j = 0: z + m is a pole
    const T q = (T)1 / ph;
    const T tiny = sizeof(T) == 4 ? (T)1.1754943508222875e-38 : (T)2.2250738585072014e-308;
    if (fabs(q) < tiny || isinf(q)) return k_special(z, true);
    return q - q * (pl / ph);
}
// Γ(s + sl)/Γ(z), or NaN where Γ(z) is not a finite nonzero number.
template <typename T> __device__ __forceinline__ T k_poch_gamma_ratio(T z, T s, T sl) {
    const T gz = k_gamma(z);
    if (!isfinite(gz) || gz == (T)0) return k_special(z, true);
    T gs = k_gamma(s);
    if (sl != (T)0) gs = gs * ((T)1 + k_digamma(s) * sl);
    return gs / gz;
}
// sin(π(x + xl)) for |xl| <= ulp(x)/2.
template <typename T> __device__ __forceinline__ T k_sin_pi_parts(T x, T xl) {
    return k_sinpi(x) + (T)3.141592653589793 * xl * k_cospi(x);
}
template <typename T> __device__ __noinline__ T k_poch_product_call(T z, T m) { return k_poch_product(z, m); }
template <typename T> __device__ __noinline__ T k_poch_gamma_ratio_call(T z, T s, T sl) {
    return k_poch_gamma_ratio(z, s, sl);
}
template <typename T, bool CALLS> __device__ __forceinline__ T k_poch_impl(T z, T m) {
    if (m == (T)0) return (T)1;
    if (z != z || m != m) return k_special(z, true);
    if (isinf(z) || isinf(m)) {
        if (isinf(z) && z > (T)0 && !isinf(m)) return m > (T)0 ? k_special(z, false) : (T)0;
        if (isinf(m) && m > (T)0 && z > (T)0 && !isinf(z)) return k_special(z, false);
        return k_special(z, true);
    }
    if (floor(m) == m && fabs(m) <= (T)64) {
        const T p = CALLS ? k_poch_product_call(z, m) : k_poch_product(z, m);
        if (p == p) return p;
    }
    T sl;
    T s = k_two_sum(z, m, sl);
    T sign = 1;
    const bool z_pole = k_gamma_pole(z), s_pole = sl == (T)0 && k_gamma_pole(s);
    if (z_pole != s_pole) return z_pole ? (T)0 : k_special(z, false);
    if (z_pole) {
        // Both poles (m an integer): (−1)^m·Γ(1 − z)/Γ(1 − s), positive integers.
        if (floor(m * (T)0.5) != m * (T)0.5) sign = -1;
        const T zz = z;
        z = (T)1 - s;
        s = (T)1 - zz;
        sl = 0;
    }
    const T reach = sizeof(T) == 4 ? (T)30 : (T)160;
    if (fabs(z) <= reach && fabs(s) <= reach && !k_gamma_pole(s)) {
        const T r = CALLS ? k_poch_gamma_ratio_call(z, s, sl) : k_poch_gamma_ratio(z, s, sl);
        if (r == r) return sign * r;
    }
    // Γ(x) = π/(sin πx·Γ(1 − x)) for the arguments below ½, which leaves ln Γ(b) − ln Γ(a)
    // (b = a + m, both >= ½) or ±(ln Γ(a) + ln Γ(b)).
    const T pi = (T)3.141592653589793;
    T ul;
    const T u = k_two_sum((T)1, -s, ul);
    const T rs = u - sl + ul;
    T a = z, b = s, fac = sign, sum_sign = 1;
    bool diff = true;
    if (z < (T)0.5 || s < (T)0.5) {
        // One call of each sine for every branch.
        const T sz = k_sin_pi_parts(z < (T)0.5 ? z : (T)0.5, (T)0);
        const T ss = k_sin_pi_parts(s < (T)0.5 ? s : (T)0.5, s < (T)0.5 ? sl : (T)0);
        if (z < (T)0.5 && s < (T)0.5) {
            fac = sign * sz / ss;
            a = rs;
            b = (T)1 - z;
        } else if (z < (T)0.5) {
            fac = sign * sz / pi;
            a = (T)1 - z;
            diff = false;
        } else {
            fac = sign * pi / ss;
            a = rs;
            b = z;
            diff = false;
            sum_sign = -1;
        }
    }
    T l;
    if (diff && a >= (T)10 && b >= (T)10) {
        l = k_stirling_ln_gamma_ratio(a, b, m);
    } else {
        const T la = k_ln_gamma(a), lb = k_ln_gamma(b);
        l = diff ? lb - la : sum_sign * (la + lb);
    }
    const T split = sizeof(T) == 4 ? (T)85 : (T)700;
    if (fabs(l) < split) return fac * k_exp(l);
    const T v = k_exp(l + k_log(fabs(fac)));
    return fac < (T)0 ? -v : v;
}
template <typename T> __device__ T k_poch(T z, T m) { return k_poch_impl<T, true>(z, m); }
// C(n, k), the binomial coefficient (SciPy's binom): src/backend/cpu/poch.rs' binom.
// Negative n with integer k as (−1)^k·C(k − n − 1, k); 0 where k is a negative integer or
// only n − k is one; (n − k + 1)_k/Γ(k + 1) where that is a normal number; else
// ±e^(−ln|B(n − k + 1, k + 1)| − ln|n + 1|) with Γ's signs.
template <typename T> __device__ T k_binom(T n, T k) {
    if (n != n || k != k) return k_special(n, true);
    T sign = 1;
    if (n < (T)0 && floor(k) == k) {
        if (floor(k * (T)0.5) != k * (T)0.5) sign = -1;
        n = k - n - (T)1;
    }
    const T n1 = n + (T)1, k1 = k + (T)1;
    const T t = n1 - k;                                       // n − k + 1
    // n a negative integer and k not one: Γ(n + 1)'s pole, of either sign (SciPy's NaN).
    if (k_gamma_pole(n1)) return k_special(n, true);
    if (k_gamma_pole(k1) || k_gamma_pole(t)) return (T)0;
    const T direct = k_poch_impl<T, false>(t, k) / k_gamma(k1);
    const T tiny = sizeof(T) == 4 ? (T)1.1754943508222875e-38 : (T)2.2250738585072014e-308;
    if (isfinite(direct) && fabs(direct) >= tiny) return sign * direct;
    const T b_sign = k_gamma_sign(t) * k_gamma_sign(k1) * k_gamma_sign(n1 + (T)1) * (n1 < (T)0 ? (T)-1 : (T)1);
    // Γ's range is left behind here, so betaln's Γ ratio is not needed.
    const T lo = t <= k1 ? t : k1, hi = t <= k1 ? k1 : t;
    return sign * b_sign * k_exp(-(k_betaln_past_gamma<T, true>(lo, hi, lo + hi) + k_log(fabs(n1))));
}
// Hurwitz ζ(x, q) (SciPy's zeta; CUDA has none): src/backend/cpu/zeta.rs' algorithm
// on CUDA's pow (2 ulp; powf 4), with q + k's rounding l applied as
// (h + l)^−x = h^−x·e^(−x·l/h).
__device__ const double K_ZETA_BERNOULLI[20] = {0.08333333333333333, -0.001388888888888889, 3.306878306878307e-05, -8.267195767195768e-07, 2.08767569878681e-08, -5.284190138687493e-10, 1.3382536530684679e-11, -3.3896802963225827e-13, 8.586062056277845e-15, -2.174868698558062e-16, 5.5090028283602295e-18, -1.3954464685812522e-19, 3.534707039629467e-21, -8.953517427037546e-23, 2.267952452337683e-24, -5.744790668872202e-26, 1.455172475614865e-27, -3.6859949406653103e-29, 9.336734257095045e-31, -2.36502241570063e-32};
template <typename T> __device__ __forceinline__ T k_pow_parts(T h, T l, T e) {
    const T r = k_pow(h, e);
    if (l == (T)0 || r == (T)0 || isinf(r)) return r;
    return r + r * k_exp_m1(e * (l / h));
}
template <typename T> __device__ T k_zeta_pos(T x, T qh, T ql) {
    const T reach = (T)7 + (T)0.5 * x;
    T s = 0, c = 0, wh = qh, wl = ql;
    for (int k = 1; k <= 64 && wh < reach; ++k) {
        const T b = k_pow_parts(wh, wl, -x);
        if (isinf(b)) return b;
        T e;
        s = k_two_sum(s, b, e);
        c += e;
        wh = k_two_sum(qh, (T)k, wl);
        wl += ql;
        if (b * wh <= s * (x - (T)1) * (sizeof(T) == 4 ? (T)1.4901161193847656e-08 : (T)2.7755575615628914e-17)) return s + c;
    }
    const T iw = (T)1 / wh, z = iw * iw;
    T poch = x * z, corr = 0;
#pragma unroll
    for (int j = 0; j < 20; ++j) {
        corr += (T)K_ZETA_BERNOULLI[j] * poch;
        const T a = x + (T)(2 * j + 1);
        poch *= a * (a + (T)1) * z;
    }
    const T d = x - (T)1;
    const T inv = (T)1 / d;
    const T bracket = inv + (((T)1 - inv * d) / d + ((T)0.5 * iw + corr));
    T e;
    const T t = k_two_sum(s, k_pow_parts(wh, wl, -d) * bracket, e);
    return t + (c + e);
}
template <typename T> __device__ T k_zeta(T x, T q) {
    if (x != x || q != q || x < (T)1) return k_special(x, true);
    if (x == (T)1 || (q <= (T)0 && floor(q) == q)) return k_special(x, false);
    if (q < (T)0 && floor(x) != x) return k_special(x, true);
    if (isinf(x)) return q < (T)1 ? k_special(x, false) : (q == (T)1 ? (T)1 : (T)0);
    if (isinf(q)) return (T)0;
    if (q > (T)0) return k_zeta_pos(x, q, (T)0);
    const T m = -floor(q);
    T rl, ul, vl;
    const T rh = k_two_sum(q, m, rl);
    T uh = k_two_sum((T)1, -rh, ul);
    uh = k_two_sum(uh, ul - rl, ul);
    T vh = k_two_sum(m + (T)1, -rh, vl);
    vh = k_two_sum(vh, vl - rl, vl);
    const T pair = k_zeta_pos(x, uh, ul) - k_zeta_pos(x, vh, vl);
    const bool odd = floor(x * (T)0.5) != x * (T)0.5;
    return k_zeta_pos(x, rh, rl) + (odd ? -pair : pair);
}
// The Riemann ζ(x) and ζ(x) − 1 (SciPy's zeta(x), zetac; CUDA has neither):
// src/backend/cpu/zeta.rs' riemann_zeta and zetac, on CUDA's tgamma and sinpi (exact
// at the integers), with fma for the exact product.
__device__ const double K_ZETA_NEAR_0[20] = {1.6740414659213843e-19, -2.018503607231426e-18, 5.847109749689559e-18, 2.9725359243036763e-16, -6.845211237028598e-15, 7.194301680880207e-14, -1.0632487436306846e-13, -9.365969839362019e-12, 1.5910765508467755e-10, -1.060717248650428e-09, -4.853659490717978e-09, 1.7438050236916946e-07, -1.4697618403488443e-06, -6.397503064964134e-07, 0.00012264139574929108, -0.000905894976471243, -0.002393033477250018, 0.08423969474961969, 0.4189385332046727, 0.5};
template <typename T> __device__ __forceinline__ T k_gamma_parts(T h, T l) {
    const T g = k_gamma(h), u = h + (T)0.5;
    if (isinf(g)) return g;  // not ∞·0
    return g + g * (l * (k_log(u) + (T)1 / ((T)24 * u * u) - (T)1 / h));
}
template <typename T> __device__ T k_zeta_below_1(T x) {
    if (x >= (T)-1) {
        T g = 0;
#pragma unroll
        for (int j = 0; j < 20; ++j) g = g * x + (T)K_ZETA_NEAR_0[j];
        return g / (x - (T)1);
    }
    const T h = (T)0.5 * x, s = k_sinpi(h);
    if (s == (T)0) return (T)0;
    if (x < (sizeof(T) == 4 ? (T)-100 : (T)-400)) return s > (T)0 ? k_special(x, false) : -k_special(x, false);
    const T ln_pi_hi = sizeof(T) == 4 ? (T)1.1447298526763916 : (T)1.1447298858494002;
    const T ln_pi_lo = sizeof(T) == 4 ? (T)3.317300857258093e-08 : (T)1.0265951162707826e-17;
    T el, al, bl;
    const T eh = k_two_sum(h, (T)-0.75, el);
    const T p = eh * ln_pi_hi;
    const T w = k_exp(p);
    const T pw = w + w * (fma(eh, ln_pi_hi, -p) + (eh * ln_pi_lo + el * ln_pi_hi));
    const T ah = k_two_sum((T)0.5, -h, al), bh = k_two_sum((T)1, -h, bl);
    return ((s * k_zeta_pos(1 - x, (T)1, (T)0)) * (k_gamma_parts(ah, al) * pw)) * (k_gamma_parts(bh, bl) * pw);
}
template <typename T> __device__ T k_riemann_zeta(T x) {
    if (x >= (T)1) return k_zeta(x, (T)1);
    if (x != x || isinf(x)) return k_special(x, true);
    return k_zeta_below_1(x);
}
template <typename T> __device__ T k_zetac(T x) {
    if (x >= (T)1) return k_zeta(x, (T)2);
    if (x != x || isinf(x)) return k_special(x, true);
    return k_zeta_below_1(x) - (T)1;
}
// SciPy's exp10 and trigonometric functions of degrees (src/backend/cpu/convenience.rs):
// 10^n exact for integers up to 22 (f32: 10) in size, else CUDA's exp10; |x| mod 360
// exactly by fmod, then the quadrant, t in [−45, 45] and sincos of t·π/180 in two parts
// (fma for the exact product); tan and cot ±1 at 45, +∞ at the poles (SciPy's).
// The inverse of ln ndtr (SciPy's ndtri_exp): src/backend/cpu/special.rs' ndtri_exp on
// CUDA's normcdfinv, expm1, exp, log and log1p.
template <typename T> __device__ T k_ndtri_exp(T y) {
    if (y != y || y > (T)0) return k_special(y, true);
    if (isinf(y)) return y;
    const T cut = sizeof(T) == 4 ? (T)-87 : (T)-708;
    if (y >= cut) {
        const bool upper = y > (T)-0.6931471805599453;
        const T x = k_ndtri(upper ? -k_exp_m1(y) : k_exp(y));
        return upper ? -x : x;
    }
    T v = -y;
    for (int i = 0; i < 3; ++i) {
        const T t = (T)0.5 / v;
        const T s = t * ((T)-1 + t * ((T)3 + t * ((T)-15 + t * ((T)105 - (T)945 * t))));
        const T h = v + (T)0.5 * (k_log(v) + (T)2.5310242469692907) - k_ln_1p(s) + y;
        v = v - h / ((T)1 + t);
    }
    const T max = sizeof(T) == 4 ? (T)3.4028234663852886e38 : (T)1.7976931348623157e308;
    return v > (T)0.25 * max ? (T)-1.4142135623730951 * sqrt(v) : -sqrt((T)2 * v);
}
template <typename T> __device__ T k_exp10(T x) {
    if (trunc(x) == x && fabs(x) <= (sizeof(T) == 4 ? (T)10 : (T)22)) {
        unsigned n = (unsigned)fabs(x);
        T r = 1, p = 10;
        for (int i = 0; i < 5; ++i) {
            if (n & 1u) r *= p;
            p *= p;
            n >>= 1;
        }
        return x < (T)0 ? (T)1 / r : r;
    }
    return sizeof(T) == 4 ? (T)exp10f((float)x) : (T)exp10((double)x);
}
template <typename T> __device__ T k_trig_deg(T x, int which) {
    if (x != x || isinf(x)) return k_special(x, true);
    const T hi = sizeof(T) == 4 ? (T)0.01745329238474369 : (T)0.017453292519943295;
    const T lo = sizeof(T) == 4 ? (T)1.3519960151420207e-10 : (T)2.9486522708701687e-19;
    const T r = fmod(fabs(x), (T)360);
    const T q = round(r / (T)90);
    const T t = r - (T)90 * q;
    const T th = t * hi;
    const T tl = fma(t, hi, -th) + t * lo;
    T s0, c0;
    k_sincos(th, &s0, &c0);
    const T s = s0 + tl * c0, c = c0 - tl * s0;
    const int qi = (int)q & 3;
    const bool odd = qi & 1;
    T v;
    if (which < 2) {
        const int k = (qi + which) & 3;
        v = (k & 1) ? c : s;
        if (k >= 2) v = -v;
    } else {
        if (t == (T)0 && odd == (which == 2)) return k_special(x, false);
        const T tn = fabs(t) == (T)45 ? copysign((T)1, t) : s / c;
        v = which == 2 ? (odd ? (T)-1 / tn : tn) : (odd ? -tn : (T)1 / tn);
    }
    return (which != 1 && x < (T)0) ? -v : v;
}
// P(a, x) and Q(a, x) (SciPy's gammainc, gammaincc; CUDA has neither):
// src/backend/cpu/gammainc.rs' algorithm, on CUDA's pow, exp, log, lgamma, tgamma and erfc.
// Temme's coefficients, row k padded with zeros (scripts/gammainc-coefficients.py).
__device__ const double K_IGAM_TEMME[12][17] = {
    {-0.3333333333333333, 0.08333333333333333, -0.014814814814814815, 0.0011574074074074073, 0.0003527336860670194, -0.0001787551440329218, 3.919263178522438e-05, -2.185448510679992e-06, -1.85406221071516e-06, 8.296711340953087e-07, -1.7665952736826078e-07, 6.707853543401498e-09, 1.0261809784240309e-08, -4.382036018453353e-09, 9.14769958223679e-10, -2.5514193994946248e-11, -5.830772132550426e-11},
    {-0.001851851851851852, -0.003472222222222222, 0.0026455026455026454, -0.0009902263374485596, 0.00020576131687242798, -4.018775720164609e-07, -1.8098550334489977e-05, 7.64916091608111e-06, -1.6120900894563446e-06, 4.647127802807434e-09, 1.378633446915721e-07, -5.752545603517705e-08, 1.1951628599778148e-08, -1.7543241719747647e-11, -1.0091543710600413e-09, 4.162792991842583e-10, 0.0},
    {0.004133597883597883, -0.0026813271604938273, 0.0007716049382716049, 2.0093878600823047e-06, -0.0001073665322636516, 5.2923448829120125e-05, -1.2760635188618728e-05, 3.423578734096138e-08, 1.3721957309062934e-06, -6.298992138380055e-07, 1.4280614206064242e-07, -2.0477098421990866e-10, -1.409252991086752e-08, 6.228974084922022e-09, -1.3670488396617114e-09, 0.0, 0.0},
    {0.0006494341563786008, 0.00022947209362139917, -0.0004691894943952557, 0.00026772063206283885, -7.561801671883977e-05, -2.396505113867297e-07, 1.1082654115347302e-05, -5.6749528269915965e-06, 1.4230900732435883e-06, -2.7861080291528143e-11, -1.6958404091930278e-07, 8.099464905388083e-08, -1.9111168485973655e-08, 0.0, 0.0, 0.0, 0.0},
    {-0.0008618882909167117, 0.0007840392217200666, -0.0002990724803031902, -1.4638452578843418e-06, 6.641498215465122e-05, -3.968365047179435e-05, 1.1375726970678419e-05, 2.507497226237533e-10, -1.6954149536558305e-06, 8.907507532205309e-07, -2.292934834000805e-07, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {-0.00033679855336635813, -6.972813758365857e-05, 0.0002772753244959392, -0.00019932570516188847, 6.797780477937208e-05, 1.419062920643967e-07, -1.3594048189768693e-05, 8.018470256334202e-06, -2.291481176508095e-06, -3.252473551298454e-10, 3.4652846491085265e-07, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {0.0005313079364639922, -0.0005921664373536939, 0.0002708782096718045, 7.902353232660328e-07, -8.153969367561969e-05, 5.61168275310625e-05, -1.8329116582843375e-05, -3.0796134506033047e-09, 3.465155368803609e-06, -2.0291327396058603e-06, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {0.00034436760689237765, 5.171790908260592e-05, -0.00033493161081142234, 0.0002812695154763237, -0.00010976582244684731, -1.2741009095484485e-07, 2.7744451511563645e-05, -1.8263488805711332e-05, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {-0.0006526239185953094, 0.0008394987206720873, -0.000438297098541721, -6.969091458420552e-07, 0.00016644846642067547, -0.00012783517679769218, 4.629953263691304e-05, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {-0.0005967612901927463, -7.204895416020011e-05, 0.0006782308837667328, -0.0006401475260262758, 0.00027750107634328704, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {0.0013324454494800656, -0.0019144384985654776, 0.0011089369134596636, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {0.001579727660730835, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}};
// ln Γ(1 + a) = Σ cₙaⁿ from a¹, for |a| <= ¼.
__device__ const double K_LN_GAMMA_1P[27] = {-0.5772156649015329, 0.8224670334241132, -0.40068563438653143, 0.27058080842778454, -0.20738555102867398, 0.1695571769974082, -0.1440498967688461, 0.12550966952474304, -0.11133426586956469, 0.1000994575127818, -0.09095401714582904, 0.083353840546109, -0.0769325164113522, 0.07143294629536133, -0.06666870588242046, 0.06250095514121304, -0.058823978658684585, 0.055555767627403614, -0.05263167937961666, 0.05000004769810169, -0.047619070330142226, 0.04545455629320467, -0.04347826605304026, 0.04166666915034121, -0.04000000119214014, 0.03846153903467518, -0.037037037312989324};
template <typename T> __device__ __forceinline__ T k_igam_eps() { return sizeof(T) == 4 ? (T)5.960464477539063e-08 : (T)1.1102230246251565e-16; }
// ln(1 + s) − s: −s·u + 2(u³/3 + u⁵/5 + …), u = s/(2 + s), for −½ < s < 1.
template <typename T> __device__ T k_log1pmx(T s) {
    if (s > (T)-0.5 && s < (T)1) {
        const T u = s / ((T)2 + s), z = u * u;
        T p = 0;
#pragma unroll
        for (int k = 18; k >= 1; --k) p = p * z + (T)1 / (T)(2 * k + 1);
        return -s * u + (T)2 * (u * z) * p;
    }
    return k_ln_1p(s) - s;
}
template <typename T> __device__ T k_ln_gamma_1p(T a) {
    if (fabs(a) > (T)0.25) return k_ln_gamma((T)1 + a);
    T p = 0;
#pragma unroll
    for (int n = 26; n >= 0; --n) p = p * a + (T)K_LN_GAMMA_1P[n];
    return a * p;
}
// x^a·e^−x/Γ(a + 1).
template <typename T> __device__ T k_igam_factor(T a, T x) {
    if (a >= (T)10) {
        const T s = (x - a) / a;
        const T core = s > (T)-0.5 ? a * k_log1pmx(s) : a * k_log(x / a) - (x - a);
        return k_exp(core - k_stirling_series(a)) / k_sqrt((T)6.283185307179586 * a);
    }
    const T g1 = a < (T)1 ? k_gamma((T)1 + a) : a * k_gamma(a);
    const T split = sizeof(T) == 4 ? (T)85 : (T)700;
    if (x < split) return k_pow(x, a) * k_exp(-x) / g1;
    if (x >= (T)2 * split) return (T)0;
    const T h = k_exp((T)-0.5 * x);
    return k_pow(x, a) * h * h / g1;
}
template <typename T> __device__ T k_igam_p_series(T a, T x, T f) {
    if (f == (T)0) return (T)0;
    T r = a, c = 1, s = 1;
    for (int i = 0; i < 300; ++i) {
        r += (T)1;
        c *= x / r;
        s += c;
        if (c <= k_igam_eps<T>() * s) break;
    }
    return s * f;
}
// The same fraction cut after n terms, from the bottom up (E₁ takes a depth of its own).
template <typename T> __device__ T k_legendre_backward(T a, T x, int n) {
    T t = x + (T)(2 * n + 1) - a;
    for (int i = n; i >= 1; --i) {
        const T fi = (T)i;
        t = (x + (T)(2 * i - 1) - a) - fi * (fi - a) / t;
    }
    return t;
}
// The denominator of Legendre's continued fraction Γ(a, x) = x^a·e^−x/t, for Q: Lentz
// counts the terms, then it is evaluated bottom-up, a quarter deeper.
template <typename T> __device__ T k_legendre_fraction(T a, T x) {
    const T tiny = sizeof(T) == 4 ? (T)1e-30 : (T)1e-300;
    T b = x + (T)1 - a, c = (T)1 / tiny, d = (T)1 / b;
    int n = 300;
    for (int i = 1; i < 300; ++i) {
        const T fi = (T)i, an = -fi * (fi - a);
        b += (T)2;
        d = an * d + b;
        if (fabs(d) < tiny) d = tiny;
        c = b + an / c;
        if (fabs(c) < tiny) c = tiny;
        d = (T)1 / d;
        if (fabs(d * c - (T)1) <= k_igam_eps<T>()) { n = i + i / 4 + 4; break; }
    }
    return k_legendre_backward(a, x, n);
}
template <typename T> __device__ T k_igam_q_series(T a, T x) {
    T fac = 1, sum = 0;
    for (int n = 1; n < 300; ++n) {
        fac *= -x / (T)n;
        const T term = fac / (a + (T)n);
        sum += term;
        if (fabs(term) <= k_igam_eps<T>() * fabs(sum)) break;
    }
    const T em = k_exp_m1(a * k_log(x) - k_ln_gamma_1p(a));
    return -em - a * ((T)1 + em) * sum;
}
template <typename T> __device__ T k_igam_temme(T a, T x, bool upper) {
    const T s = (x - a) / a, lpm = k_log1pmx(s);
    const T eta = copysign(k_sqrt((T)-2 * lpm), s), z = copysign(k_sqrt(-a * lpm), s);
    const T ia = (T)1 / a;
    T sum = 0;
#pragma unroll
    for (int k = 11; k >= 0; --k) {
        T ck = 0;
#pragma unroll
        for (int n = 16; n >= 0; --n) ck = ck * eta + (T)K_IGAM_TEMME[k][n];
        sum = sum * ia + ck;
    }
    const T tail = k_exp(a * lpm) / k_sqrt((T)6.283185307179586 * a) * sum;
    return upper ? (T)0.5 * k_erfc(z) + tail : (T)0.5 * k_erfc(-z) - tail;
}
template <typename T> __device__ T k_gammainc(T a, T x, bool upper) {
    if (a != a || x != x || a < (T)0 || x < (T)0) return k_special(a, true);
    if ((a == (T)0 && x == (T)0) || (isinf(a) && isinf(x))) return k_special(a, true);
    if (a == (T)0 || isinf(x)) return upper ? (T)0 : (T)1;
    if (x == (T)0 || isinf(a)) return upper ? (T)1 : (T)0;
    if (a > (T)20 && fabs((x - a) / a) < (T)0.3) return k_igam_temme(a, x, upper);
    bool q_first = a <= (T)1.1 * x;
    if (x > (T)1.1) q_first = x >= a;
    else if (x <= (T)0.5) q_first = a <= (T)-0.4 / k_log(x);
    const T f = k_igam_factor(a, x);  // once: divergent lanes run both branches
    if (q_first) {
        const T q = x > (T)1.1 ? (f == (T)0 ? (T)0 : a * f / k_legendre_fraction(a, x)) : k_igam_q_series(a, x);
        return upper ? q : (T)1 - q;
    }
    const T p = k_igam_p_series(a, x, f);
    return upper ? (T)1 - p : p;
}
// ---- the regularised incomplete beta function (src/backend/cpu/betainc.rs) ------------
// x^a·y^b/(a·B(a, b)), lx = ln x and ly = ln y: Stirling's series arranged so that the
// large terms cancel exactly (a, b >= 10), Γ(a + b)/Γ(M) from it (one of them, M, >= 10),
// or Γ itself (both below 10). Not inlined: inlined, its Γs (CUDA's tgamma) pushed
// ternary_betainc_f64 to 80 registers and 60 B of spills on sm_80; called, 90 and none.
template <typename T> __device__ __noinline__ T k_beta_power_factor(T a, T b, T x, T y, T lx, T ly) {
    const T s = a + b;
    if (a >= (T)10 && b >= (T)10) {
        const T d = x * b - y * a, u = d / a, v = -d / b;
        const T ea = u > (T)-0.5 ? a * k_log1pmx(u) : a * (k_log(x * (s / a)) - u);
        const T eb = v > (T)-0.5 ? b * k_log1pmx(v) : b * (k_log(y * (s / b)) - v);
        const T tail = k_stirling_series(a) + k_stirling_series(b) - k_stirling_series(s);
        return k_sqrt(b / s) / k_sqrt((T)6.283185307179586 * a) * k_exp(ea + eb - tail);
    }
    const bool a_small = a <= b;
    const T m = a_small ? a : b, v = a_small ? x : y, big = a_small ? b : a, l_big = a_small ? ly : lx;
    if (big >= (T)10) {
        const T t = m / big;
        const T e = m * k_log(v * s) + big * l_big + big * k_log1pmx(t) - (T)0.5 * k_ln_1p(t)
                    + (k_stirling_series(s) - k_stirling_series(big));
        const T g = a_small ? k_gamma((T)1 + a) : a * k_gamma(b);
        return k_exp(e) / g;
    }
    // v^p as a power where v < ½ (then exact), else from its logarithm (below ln 2).
    const T xa = x < (T)0.5 ? k_pow(x, a) : k_exp(a * lx), yb = y < (T)0.5 ? k_pow(y, b) : k_exp(b * ly);
    return xa * yb * (k_gamma(s) / (k_gamma(a + (T)1) * k_gamma(b)));
}
// The k-th partial numerator of I_x(a, b)'s first continued fraction (DLMF 8.17.22) or,
// when second, of the second (Cephes' incbd, in z = x/(1 − x)).
template <typename T> __device__ __forceinline__ T k_beta_numerator(bool second, T a, T b, T x, int k) {
    const T m = (T)((k - 1) / 2), a2m = a + (T)2 * m;
    if (k & 1) return -x * (a + m) * (second ? b - (T)1 - m : a + b + m) / (a2m * (a2m + (T)1));
    return x * (m + (T)1) * (second ? a + b + m : b - m - (T)1) / ((a2m + (T)1) * (a2m + (T)2));
}
// 1/(1 + d₁/(1 + d₂/(1 + …))): Lentz's method counts the terms, then the fraction is
// evaluated from the bottom up, a quarter deeper; NaN past 12,000 terms.
template <typename T> __device__ T k_beta_fraction(bool second, T a, T b, T x) {
    const T tiny = sizeof(T) == 4 ? (T)1e-30 : (T)1e-300;
    T c = 1, d = 0;
    int n = 0;
    for (int k = 1; k < 12000; ++k) {
        const T dk = k_beta_numerator(second, a, b, x, k);
        d = (T)1 + dk * d;
        if (fabs(d) < tiny) d = tiny;
        c = (T)1 + dk / c;
        if (fabs(c) < tiny) c = tiny;
        d = (T)1 / d;
        if (fabs(c * d - (T)1) <= k_igam_eps<T>()) { n = k + k / 4 + 4; break; }
    }
    if (n == 0) return k_special(a, true);
    T t = 1;
    for (int k = n; k >= 1; --k) t = (T)1 + k_beta_numerator(second, a, b, x, k) / t;
    return (T)1 / t;
}
// I_x(a, b) = f·(1 + a·Σ (1 − b)ₙ/n!·xⁿ/(a + n)) for f = x^a/(a·B(a, b)), the power
// series (positive terms for b < 1); NaN past 12,000 terms.
template <typename T> __device__ T k_beta_series(T a, T b, T x, T f) {
    T c = 1, sum = 0;
    for (int n = 1; n < 12000; ++n) {
        const T fn = (T)n;
        c *= (fn - b) * x / fn;
        const T t = c / (a + fn);
        sum += t;
        if (fabs(t) <= k_igam_eps<T>() * fabs(sum)) return f * ((T)1 + a * sum);
    }
    return k_special(a, true);
}
// I_x(a, b) (SciPy's betainc), or 1 − I_x(a, b) when upper (betaincc):
// src/backend/cpu/betainc.rs' betainc. The fraction's two uses share one call (a loop of
// two passes), which keeps the kernel's code and registers down.
template <typename T> __device__ T k_betainc(T a, T b, T x, bool upper) {
    if (a != a || b != b || x != x || a < (T)0 || b < (T)0 || x < (T)0 || x > (T)1) return k_special(a, true);
    if ((a == (T)0 && b == (T)0) || (isinf(a) && isinf(b))) return k_special(a, true);
    if (x == (T)0 || x == (T)1) return upper ? (T)1 - x : x;
    if (a == (T)0 || isinf(b)) return upper ? (T)0 : (T)1;
    if (b == (T)0 || isinf(a)) return upper ? (T)1 : (T)0;
    bool swap = x > (a + (T)1) / (a + b + (T)2);
    const T y = (T)1 - x, lx = k_log(x), ly = k_ln_1p(-x);
    T p = swap ? b : a, q = swap ? a : b, ys = swap ? x : y, lxs = swap ? ly : lx;
    const T xs = swap ? y : x, lys = swap ? lx : ly;
    T f = k_beta_power_factor(p, q, xs, ys, lxs, lys);
    T r = 0;
    if (f != (T)0 && q * xs <= (T)1 && xs <= (T)0.95) {
        r = k_beta_series(p, q, xs, f / k_exp(q * lys));
    } else if (f != (T)0) {
        for (int pass = 0; pass < 2; ++pass) {
            const bool second = pass == 1;
            const T v = k_beta_fraction(second, second ? q : p, second ? p : q, second ? ys / xs : xs);
            if (!second) {
                r = f * v;
                if (!(v > (T)16)) break;
            } else if (fabs(v) <= (T)16 && fabs(f * (p / q) * v / xs + r - (T)1) <= (T)1 / (T)1024) {
                // the first was ill-conditioned: the other function, well-conditioned and agreeing
                swap = !swap;
                f *= p / q;
                const T p0 = p;
                p = q;
                q = p0;
                ys = xs;
                lxs = lys;
                r = f * v / ys;
            }
        }
    }
    if (swap == upper) return r;
    // 1 − r would cancel: the other function by its series, where 1 − r's loss, r/(1 − r)
    // ulps, exceeds the √N of the series' N = −ln ε/(−ln y) terms.
    const T terms = sizeof(T) == 4 ? (T)16.6 : (T)36.7;
    if (r > (T)0.5 && p < (T)1 && r * r * -k_log(ys) > ((T)1 - r) * ((T)1 - r) * terms) {
        const T s = k_beta_series(q, p, ys, f * (p / q) / k_exp(p * lxs));
        if (s == s) return s;
    }
    return (T)1 - r;
}
// A start for the x with I_x(a, b) = 1 − t (solve_q) or = t, t <= ½
// (src/backend/cpu/betainc.rs: inverse_start): for a, b > 1 Abramowitz and Stegun's
// 26.5.22, else the root of a tail's leading term where it lies on its side of the mean.
template <typename T> __device__ T k_beta_inverse_start(T a, T b, T t, bool solve_q) {
    if (a > (T)1 && b > (T)1) {
        const T z = k_ndtri(t), w = solve_q ? z : -z;
        const T lgm = (w * w - (T)3) / (T)6;
        const T h = (T)2 / ((T)1 / ((T)2 * a - (T)1) + (T)1 / ((T)2 * b - (T)1));
        const T d = w * k_sqrt(h + lgm) / h
                    - ((T)1 / ((T)2 * b - (T)1) - (T)1 / ((T)2 * a - (T)1)) * (lgm + (T)5 / (T)6 - (T)2 / ((T)3 * h));
        const T x = a / (a + b * k_exp((T)2 * d));
        if (x > (T)0 && x < (T)1) return x;
    }
    const T lb = k_betaln(a, b), l1 = k_ln_1p(-t), l0 = k_log(t);
    const T x_low = k_exp(((solve_q ? l1 : l0) + k_log(a) + lb) / a);
    const T u_high = k_exp(((solve_q ? l0 : l1) + k_log(b) + lb) / b);
    const bool low_ok = x_low <= a / (a + b), high_ok = u_high <= b / (a + b);
    if (low_ok && (!solve_q || !high_ok)) return x_low;
    return high_ok ? (T)1 - u_high : a / (a + b);
}
// The x with I_x(a, b) = y, or 1 − I_x(a, b) = y when upper (SciPy's betaincinv,
// betainccinv): src/backend/cpu/betainc.rs' betaincinv, Newton's method on the log of
// the smaller tail in ln x below ½ and ln(1 − x) above, inside a narrowing bracket.
// It spills nothing under EW_BOUNDS' two-block bound (96 registers in f64); unbounded,
// ptxas gave it 80 and spilled 200 B on sm_80 (a call to betainc, not inlined, or to
// the start also spilled, with the old four-copy driver).
template <typename T> __device__ T k_betaincinv(T a, T b, T y, bool upper) {
    if (!(a > (T)0 && !isinf(a) && b > (T)0 && !isinf(b) && y >= (T)0 && y <= (T)1)) return k_special(a, true);
    if (y == (T)0 || y == (T)1) return ((y == (T)0) != upper) ? (T)0 : (T)1;
    const bool solve_q = upper == (y <= (T)0.5);
    const T t = y <= (T)0.5 ? y : (T)1 - y;
    T x = k_beta_inverse_start(a, b, t, solve_q);
    if (x == (T)0 || x == (T)1) return x;
    T lo = 0, hi = 1;
    const T eps = sizeof(T) == 4 ? (T)2.384185791015625e-07 : (T)4.440892098500626e-16;
#pragma unroll 1
    for (int i = 0; i < 64; ++i) {
        const T v = k_betainc(a, b, x, solve_q);
        if (v == t) return x;
        if (v != v) return v;
        if ((v < t) != solve_q) lo = x; else hi = x;  // I rises, 1 − I falls
        const T y1 = (T)1 - x;
        const T d = k_beta_power_factor(a, b, x, y1, k_log(x), k_ln_1p(-x)) * a / (x * y1);
        const T g = k_log(v / t);  // not ln v − ln t (the roundings of |ln t|)
        const T dx = (solve_q ? g : -g) * v / d;
        T next = x <= (T)0.5 ? x * k_exp(dx / x) : (T)1 - y1 * k_exp(-dx / y1);
        const T tol = eps * x;
        if (fabs(next - x) <= tol) return next;  // before the bracket test: x is one of its ends
        if (!(next > lo && next < hi) || i >= 10) {  // only bisections past 10 Newton steps
            const T u = (T)1 - lo;
            next = lo == (T)0 ? hi * fmin(hi, (T)0.5)
                 : hi == (T)1 ? (T)1 - u * fmin(u, (T)0.5)
                 : hi <= (T)0.5 ? k_sqrt(lo) * k_sqrt(hi)
                 : lo >= (T)0.5 ? (T)1 - k_sqrt(u) * k_sqrt((T)1 - hi)
                 : (T)0.5 * (lo + hi);
        }
        if (hi - lo <= tol) return next;
        x = next;
    }
    return x;
}
// The x with P(a, x) = y, or Q(a, x) = y when upper (SciPy's gammaincinv, gammainccinv):
// src/backend/cpu/gammainc.rs' gammaincinv, Newton's method on ln P in ln x or on ln Q
// in x inside a narrowing bracket, halving it where a step leaves it.
template <typename T> __device__ T k_gammaincinv(T a, T y, bool upper) {
    if (a != a || y != y || a < (T)0 || y < (T)0 || y > (T)1) return k_special(a, true);
    if (y == (T)0 || y == (T)1) return ((y == (T)0) == upper) ? k_special(a, false) : (T)0;
    if (a == (T)0 || isinf(a)) return k_special(a, true);
    const bool solve_q = upper == (y <= (T)0.5);
    const T t = y <= (T)0.5 ? y : (T)1 - y;
    const T ln_t = k_log(t);
    // g = ln(v/t) below as ln(v·2^k·(1/(t·2^k))): not ln v − ln t, whose roundings are
    // those of |ln t|, and no division in the loop (with one, ptxas spilled 52 B on
    // sm_80). The power of two keeps 1/t finite for subnormal t.
    const T two_k = sizeof(T) == 4 ? (T)4294967296.0 : (T)18446744073709551616.0;
    const T inv_t = (T)1 / (t * two_k);
    const T z = k_ndtri(t);
    const T s = (T)1 / ((T)9 * a);
    const T w = (T)1 - s + (solve_q ? -z : z) * k_sqrt(s);
    const T wilson = w > (T)0 ? a * w * w * w : (T)0;
    const T lg1 = k_ln_gamma_1p(a);
    T x;
    if (!solve_q) {
        x = fmax(k_exp((ln_t + lg1) / a), wilson);  // P's x^a/Γ(a + 1) = t
    } else if (w > (T)0 && (t > (T)1e-10 || a >= (T)10)) {
        x = wilson;
    } else if (t > (T)1e-10) {
        x = k_exp((k_ln_1p(-t) + lg1) / a);  // small a: P's leading term at 1 − t
    } else {
        // The far tail: Q's x^(a−1)e^−x/Γ(a) = t (x = −ln t − ln Γ(a) + (a − 1) ln x, twice).
        const T l = -ln_t - (lg1 - k_log(a));
        x = fmax(fmax(l, a), (T)1);
        for (int i = 0; i < 2; ++i) x = fmax(l + (a - (T)1) * k_log(x), (T)1e-30);
    }
    if (x == (T)0) return (T)0;  // below the subnormals
    T lo = 0, hi = k_special(a, false);
    const T eps = sizeof(T) == 4 ? (T)2.384185791015625e-07 : (T)4.440892098500626e-16;
#pragma unroll 1
    for (int i = 0; i < 64; ++i) {
        const T v = k_gammainc(a, x, solve_q);
        if (v == t) return x;
        if ((v < t) != solve_q) lo = x; else hi = x;  // P rises, Q falls
        const T d = k_igam_factor(a, x) * a / x;        // x^(a−1)e^−x/Γ(a)
        const T g = k_log(v * two_k * inv_t);
        // Steps in ln x where a tail is a power of x: P's, and Q's below x = 1.
        T next = solve_q && x >= (T)1 ? x + g * v / d : x * k_exp((solve_q ? g : -g) * v / (x * d));
        const T tol = eps * x;
        if (fabs(next - x) <= tol) return next;  // before the bracket test: x is one of its ends
        if (!(next > lo && next < hi)) next = isinf(hi) ? (T)2 * x : (lo > (T)0 ? k_sqrt(lo) * k_sqrt(hi) : (T)0.5 * hi);
        if (hi - lo <= tol) return next;
        x = next;
    }
    return x;
}
// The Kolmogorov distribution (SciPy's kolmogorov, kolmogi; src/backend/cpu/kolmogorov.rs):
// a tail and its derivative, when sf the survival function 2 Σ (−1)^(k−1) e^(−2k²x²)
// (e^(−2x²) from x² split exactly by an fma; fast from 0.82), else the CDF √(2π)/x·Σ
// e^(−(2k−1)²π²/(8x²)) (fast below); returns the tail, d its derivative.
template <typename T> __device__ T k_kolmogorov_tail(T x, bool sf, T& d) {
    const T eps = (T)0.125 * k_igam_eps<T>();
    T s = 0;
    d = 0;
    if (sf) {
        const T h = x * x, l = fma(x, x, -h);
        const T w = k_exp((T)-2 * h) * ((T)1 - (T)2 * l), w2 = w * w;
        T step = w, term = w, sign = 1;
        for (int k = 1; k <= 12; ++k) {
            s += sign * term;
            d += sign * (T)(k * k) * term;
            if (term <= eps * s) break;
            step *= w2;
            term *= step;
            sign = -sign;
        }
        d *= (T)-8 * x;
        return (T)2 * s;
    }
    const T a = (T)1.2337005501361697 / (x * x);
    for (int k = 1; k <= 12; ++k) {
        const T m = (T)((2 * k - 1) * (2 * k - 1)) * a, term = k_exp(-m);
        s += term;
        d += term * ((T)2 * m - (T)1);
        if (term <= eps * s) break;
    }
    const T c = (T)K_SQRT_2PI / x;
    d *= c / x;
    return c * s;
}
template <typename T> __device__ T k_kolmogorov(T x) {
    if (x != x) return x;
    if (x <= (T)0) return (T)1;
    if (isinf(x)) return (T)0;
    T d;
    const T t = k_kolmogorov_tail(x, x >= (T)0.82, d);
    return x >= (T)0.82 ? t : (T)1 - t;
}
// One step of Newton's method on ln(v/t) from x inside [lo, hi], the root above x when
// `below` (kolmogi's and smirnovi's; src/backend/cpu/kolmogorov.rs: LogNewton::step): true
// with x the root once v is t, or the step or the bracket is within eps·x; else false with
// x the step's, or the bracket's midpoint where the step leaves it. ln(v/t), not
// ln v − ln t (whose roundings are those of |ln t|).
template <typename T> __device__ bool k_log_newton_step(T& x, T& lo, T& hi, T v, T t, T d, bool below, T eps) {
    if (v == t) return true;
    if (below) lo = x; else hi = x;
    T next = x - k_log(v / t) * v / d;
    const T tol = eps * x;
    if (fabs(next - x) <= tol) {
        x = next;
        return true;
    }
    if (!(next > lo && next < hi)) next = (T)0.5 * (lo + hi);
    x = next;
    return hi - lo <= tol;
}
// The x with P(K > x) = p: Newton on ln(T/t) for the smaller tail (p up to 0.512, else 1 − p
// against the CDF) in a narrowing bracket, from the leading terms' roots.
template <typename T> __device__ T k_kolmogi(T p) {
    if (p != p || p < (T)0 || p > (T)1) return k_special(p, true);
    if (p == (T)0) return k_special(p, false);
    if (p == (T)1) return (T)0;
    const bool upper = p <= (T)0.5119717052984973;
    const T t = upper ? p : (T)1 - p;
    T x, lo = 0, hi = (T)0.82;
    if (upper) {
        x = k_sqrt(-k_log((T)0.5 * p) * (T)0.5);
        lo = (T)0.82;
        hi = (T)40;
    } else {
        const T l = k_log((T)K_SQRT_2PI / t), x0 = k_sqrt((T)1.2337005501361697 / l);
        x = k_sqrt((T)1.2337005501361697 / (l - k_log(x0)));
    }
    x = fmin(fmax(x, lo), hi);
    const T eps = (T)4 * k_igam_eps<T>();
#pragma unroll 1
    for (int i = 0; i < 64; ++i) {
        T d;
        const T v = k_kolmogorov_tail(x, upper, d);  // the matched tail's series, wherever x is
        if (k_log_newton_step(x, lo, hi, v, t, d, (v > t) == upper, eps)) return x;
    }
    return x;
}
// x·ln(x/y) − x + y (SciPy's kl_div; src/backend/cpu/convenience.rs): for x/y in [½, 2]
// y·(log1pmx(t) + t·ln_1p(t)) with t = (x − y)/y, whose terms do not cancel as the plain
// formula's do; elsewhere the plain formula. y at x = 0 <= y, +∞ for other non-positive
// arguments.
template <typename T> __device__ T k_kl_div(T x, T y) {
    if (x != x || y != y) return k_special(x, true);
    if (x > (T)0 && y > (T)0) {
        const T r = x / y;
        if (r >= (T)0.5 && r <= (T)2) {
            const T t = (x - y) / y;
            return y * (k_log1pmx(t) + t * k_ln_1p(t));
        }
        const T l = (r > (T)0 && !isinf(r)) ? k_log(r) : k_log(x) - k_log(y);
        return x * l - x + y;
    }
    if (x == (T)0 && y >= (T)0) return y;
    return k_special(x, false);
}
// The one-sided statistic D_n^+ (SciPy's smirnov, smirnovi; src/backend/cpu/kolmogorov.rs):
// Stirling's series S(k) at an integer k >= 1 (a table below 10, in global memory: a local
// one was a 72 B stack frame in every smirnov kernel).
__device__ const double K_STIRLING_INT[9] = {0.08106146679532726, 0.0413406959554093, 0.02767792568499834,
                                             0.020790672103765093, 0.016644691189821193, 0.013876128823070748,
                                             0.01189670994589177, 0.010411265261972096, 0.009255462182712733};
template <typename T> __device__ T k_stirling_int(T k) {
    if (k >= (T)10) return k_stirling_series(k);
    return (T)K_STIRLING_INT[(int)k - 1];
}
// P(D_n^+ >= x) and its derivative d (when asked) for an integer n >= 2 and 0 < x < 1: the
// Smirnov–Birnbaum–Tingey sum of T_0 = (1 − x)^n and, for 0 < v < n(1 − x), Loader's form
// x/p·√(n/(2π v(n−v)))·e^E, E = v·log1pmx(nx/v) + (n−v)·log1pmx(−nx/(n−v)) + S(n) − S(v) −
// S(n−v), with Kahan's compensation; below nx = 1 the closed form 1 − x(1 + x)^(n−1).
template <typename T> __device__ T k_smirnov_sum(T n, T x, bool derivative, T& d) {
    const T nx = n * x;
    if (nx < (T)1) {
        const T w = (n - (T)2) * k_ln_1p(x);
        d = -k_exp(w) * ((T)1 + nx);
        return (T)1 - k_exp(w + k_ln_1p(x)) * x;
    }
    const T first = k_exp(n * k_ln_1p(-x)), sn = k_stirling_int(n);
    T sum = first, comp = 0;
    d = -first * n / ((T)1 - x);
#pragma unroll 1
    for (T v = 1; n - v > nx; v += (T)1) {
        const T nv = n - v, s = nx / nv;
        // log1pmx(−s), past ½ as ln((n − v − nx)/(n − v)) + s with the difference exact.
        const T lq = s > (T)0.5 ? k_log((nv - nx) / nv) + s : k_log1pmx(-s);
        const T e = v * k_log1pmx(nx / v) + nv * lq + sn - k_stirling_int(v) - k_stirling_int(nv);
        const T t = nx / (nx + v) * k_sqrt(n / ((T)6.283185307179586 * v * nv)) * k_exp(e);
        const T y = t - comp, z = sum + y;
        comp = (z - sum) - y;
        sum = z;
        if (derivative) d += t * ((T)1 / x + n * (v - (T)1) / (nx + v) - n * nv / (nv - nx));
    }
    return fmin(sum, (T)1);
}
// P(D_n^+ >= x), n truncated: NaN for n < 1 or past 2³¹ − 1 and x outside [0, 1]; 1 at x = 0,
// 0 at 1, 1 − x for n = 1; 0 past Hoeffding's bound e^(−2nx²) below half the smallest
// subnormal.
template <typename T> __device__ T k_smirnov(T n0, T x) {
    const T n = trunc(n0);
    if (!(n >= (T)1 && n <= (T)2147483647.0 && x >= (T)0 && x <= (T)1)) return k_special(x, true);
    if (x == (T)0) return (T)1;
    if (n == (T)1 || x == (T)1) return (T)1 - x;
    if ((T)2 * n * x * x > (sizeof(T) == 4 ? (T)104 : (T)745.2)) return (T)0;
    T d;
    return k_smirnov_sum(n, x, false, d);
}
// The x with P(D_n^+ >= x) = p: 1 − p^(1/n) past 1 − 1/n; otherwise Newton on ln(S/p) in the
// bracket [1 − p^(1/n), √(−ln p/(2n))], narrowed by each step, from the root of
// e^(−(6nx + 1)²/(18n)). NaN for n < 1 or past 2³¹ − 1 and p outside [0, 1]; 1 at p = 0, 0 at
// 1, 1 − p for n = 1.
template <typename T> __device__ T k_smirnovi(T n0, T p) {
    const T n = trunc(n0);
    if (!(n >= (T)1 && n <= (T)2147483647.0 && p >= (T)0 && p <= (T)1)) return k_special(p, true);
    if (p == (T)0 || n == (T)1) return (T)1 - p;
    if (p == (T)1) return (T)0;
    const T lp = k_log(p);
    T lo = -k_exp_m1(lp / n);
    if (lo * n >= n - (T)1) return lo;
    T hi = fmin(k_sqrt(-lp / ((T)2 * n)), (T)1);
    T x = fmax((k_sqrt((T)-18 * n * lp) - (T)1) / ((T)6 * n), (T)0);
    if (!(x > lo && x < hi)) x = (T)0.5 * (lo + hi);
    const T eps = (T)4 * k_igam_eps<T>();
#pragma unroll 1
    for (int i = 0; i < 64; ++i) {
        T d;
        const T s = k_smirnov_sum(n, x, true, d);
        if (k_log_newton_step(x, lo, hi, s, p, d, s > p, eps)) return x;
    }
    return x;
}
// E₁(x) and Ei(x) (SciPy's exp1, expi; CUDA has neither): src/backend/cpu/expint.rs.
// Ei's root x₀ = 0.3725… as two parts per type.
template <typename T> struct EiRoot;
template <> struct EiRoot<float> { static __device__ float hi() { return 0.3725074231624603f; } static __device__ float lo() { return -1.2381093483782024e-08f; } };
template <> struct EiRoot<double> { static __device__ double hi() { return 0.3725074107813666; } static __device__ double lo() { return 1.3140183414386028e-17; } };
// E₁'s fraction depth less its margin: 106/x (f32: 27/x), 2^-56 (2^-27) by mpmath; E_n
// takes 12 more terms, E₁ 7 (src/backend/cpu/expint.rs: E1_DEPTH).
template <typename T> __device__ __forceinline__ int k_e1_depth(T x) { return (int)((sizeof(T) == 4 ? (T)27 : (T)106) / x); }
template <typename T> __device__ T k_exp1(T x) {
    if (x != x || x < (T)0) return k_special(x, true);
    if (x == (T)0) return k_special(x, false);
    if (isinf(x)) return (T)0;
    if (x < (T)0.5) {
        T t = 1, s = 0;
        for (int k = 1; k < 300; ++k) {
            t *= -x / (T)k;
            const T term = t / (T)k;
            s += term;
            if (fabs(term) <= k_igam_eps<T>() * fabs(s)) break;
        }
        return ((T)-0.5772156649015329 - k_log(x)) - s;
    }
    return k_exp(-x) / k_legendre_backward((T)0, x, k_e1_depth(x) + 7);
}
// v·x²/m in two parts (vh + vl, x² = yh + yl, m = (k + 1)(k + 2), rm = 1/m), in place.
template <typename T> __device__ __forceinline__ void k_ei_step(T& vh, T& vl, T yh, T yl, T m, T rm) {
    const T p = vh * yh;
    const T lo = fma(vh, yh, -p) + (vh * yl + vl * yh);
    const T q = p * rm;
    vh = k_two_sum(q, (fma(-q, m, p) + lo) * rm, vl);
}
// Σ_{k≥1} x^k/(k·k!) for x ≥ 2 (src/backend/cpu/expint.rs: ei_power_sum): x^k/k! in two
// parts in two chains, odd and even k, each stepping by two; returns the high part.
template <typename T> __device__ T k_ei_power_sum(T x, T& lo) {
    const T yh = x * x, yl = fma(x, x, -yh);
    T ah = x, al = 0, bh = (T)0.5 * yh, bl = (T)0.5 * yl;
    T sa = x, ea = 0, sb = (T)0.25 * yh, eb = (T)0.25 * yl;
    T k = 1;
    for (int i = 0; i < 150; ++i) {
        const T ma = (k + (T)1) * (k + (T)2), mb = (k + (T)2) * (k + (T)3);
        k_ei_step(ah, al, yh, yl, ma, (T)1 / ma);
        k_ei_step(bh, bl, yh, yl, mb, (T)1 / mb);
        const T ta = (ah + al) * ((T)1 / (k + (T)2)), tb = (bh + bl) * ((T)1 / (k + (T)3));
        T e;
        sa = k_two_sum(sa, ta, e);
        ea += e;
        sb = k_two_sum(sb, tb, e);
        eb += e;
        k += (T)2;
        if (ta <= k_igam_eps<T>() * sa) break;
    }
    T e;
    const T t = k_two_sum(sa, sb, e);
    lo = e + (ea + eb);
    return t;
}
// scale·Ei(x) for x > 50 (scale 1 or ½): e^x/x·Σ k!/x^k, the terms after the first summed
// apart, e^x in halves past 700 (f32: 85) with scale applied before the second
// (src/backend/cpu/expint.rs: ei_asymptotic).
template <typename T> __device__ T k_ei_asymptotic(T x, T scale) {
    T t = 1, r = 0;
    for (int k = 1; k < 300; ++k) {
        t *= (T)k / x;
        r += t;
        if (t <= (T)0.125 * k_igam_eps<T>()) break;
    }
    const T split = sizeof(T) == 4 ? (T)85 : (T)700;
    if (x < split) return k_exp(x) / x * ((T)1 + r) * scale;
    const T h = k_exp((T)0.5 * x);
    return h * (h * scale / x * ((T)1 + r));
}
template <typename T> __device__ T k_expi(T x) {
    if (x != x) return x;
    if (x < (T)0) return -k_exp1(-x);
    if (x == (T)0) return -k_special(x, false);
    if (isinf(x)) return x;
    if (x > (T)50) return k_ei_asymptotic(x, (T)1);
    if (x >= (T)2) {
        T vl;
        const T vh = k_ei_power_sum(x, vl), g = (T)0.5772156649015329 + k_log(x);
        T te;
        const T t = k_two_sum(vh, g, te);
        return t + (te + (vl + (T)-4.942915152430645e-18));
    }
    const T hi = EiRoot<T>::hi(), lo = EiRoot<T>::lo();
    const T delta = (x - hi) - lo, f = delta / ((x + hi) + lo);
    const T ln_ratio = fabs(f) <= (T)0.17 ? (T)2 * atanh(f) : k_log(x / hi) - lo / hi;
    // u = uh + ul = (x^k − x₀^k)/k!, q = x₀^k/k!; the terms u/k summed as sh + sl.
    T uh = delta, ul = 0, q = hi, sh = delta, sl = 0;
    for (int k = 2; k < 300; ++k) {
        const T fk = (T)k, rk = (T)1 / fk, p = uh * x;  // (w + lo)/k = h + (w − h·k + lo)/k
        T e;
        const T w = k_two_sum(p, q * delta, e);
        const T h = w * rk;
        const T l = (fma(-h, fk, w) + (fma(uh, x, -p) + ul * x + e)) * rk;
        uh = k_two_sum(h, l, ul);
        q *= hi * rk;
        const T term = (uh + ul) * rk;
        T te;
        sh = k_two_sum(sh, term, te);
        sl += te;
        if (fabs(term) <= k_igam_eps<T>() * fabs(sh)) break;
    }
    T te;
    const T t = k_two_sum(ln_ratio, sh, te);
    return t + (te + sl);
}
// The odd and even parts of Σ_{j≥1} σ^⌊j/2⌋·x^j/(j·j!) for 0 < x < 2, σ = ±1 (Si and Ci −
// γ − ln x, or Shi and Chi − γ − ln x; src/backend/cpu/expint.rs: sici_series).
template <typename T> __device__ T k_sici_series(T x, T sigma, T& even) {
    T t = 1, odd = 0, sign = 1;
    even = 0;
    for (int j = 1; j < 300; ++j) {
        t *= x / (T)j;
        if ((j & 1) == 0) sign *= sigma;
        const T term = sign * (t / (T)j);
        if (j & 1) odd += term; else even += term;
        if (fabs(term) <= k_igam_eps<T>() * fmin(fabs(odd), fabs(even)) || t == (T)0) break;
    }
    return odd;
}
// Si(x), or Ci(x) when cosine (SciPy's sici; src/backend/cpu/expint.rs): the series below
// 2, above f + i·g = e^(ix)·E₁(ix) by its continued fraction from the bottom up, 212/x + 4
// terms deep (f32: 54/x + 3), or its leading terms 1/x² − i/x from 2^32 (f32: 2^13).
template <typename T> __device__ T k_sici(T x, bool cosine) {
    if (x != x) return x;
    const T ax = fabs(x);
    T si = (T)1.5707963267948966, ci = 0;
    if (ax == (T)0) {
        si = 0;
        ci = -k_special(x, false);
    } else if (ax < (T)2) {
        T even;
        si = k_sici_series(ax, (T)-1, even);
        ci = (((T)0.5772156649015329 + k_log(ax)) + even) + (T)-4.942915152430645e-18;
    } else if (!isinf(ax)) {
        T f, g;
        if (ax >= (sizeof(T) == 4 ? (T)8192 : (T)4294967296.0)) {
            f = (T)1 / (ax * ax);
            g = (T)-1 / ax;
        } else {
            const int n = (int)((sizeof(T) == 4 ? (T)54 : (T)212) / ax) + (sizeof(T) == 4 ? 3 : 4);
            T tr = (T)(2 * n + 1), ti = ax;
#pragma unroll 1
            for (int i = n; i >= 1; --i) {
                const T q = (T)i * (T)i / (tr * tr + ti * ti);  // t ← (2i − 1 + ix) − i²/t
                tr = (T)(2 * i - 1) - q * tr;
                ti = ax + q * ti;
            }
            const T m = tr * tr + ti * ti;
            f = tr / m;
            g = -ti / m;
        }
        T sn, cs;
        k_sincos(ax, &sn, &cs);
        si = (T)1.5707963267948966 + (g * cs - f * sn);
        ci = -(f * cs + g * sn);
    }
    if (cosine) return ci;
    return x < (T)0 ? -si : si;
}
// Shi(x), or Chi(x) when want_chi (SciPy's shichi): the series below 2, (Ei ± E₁)/2 to 50,
// above Ei/2 alone, halved before its last factor.
template <typename T> __device__ T k_shichi(T x, bool want_chi) {
    if (x != x) return x;
    const T ax = fabs(x);
    const T inf = k_special(x, false);
    T shi = inf, chi = inf;
    if (ax == (T)0) {
        shi = 0;
        chi = -inf;
    } else if (ax < (T)2) {
        T even;
        shi = k_sici_series(ax, (T)1, even);
        chi = (((T)0.5772156649015329 + k_log(ax)) + even) + (T)-4.942915152430645e-18;
    } else if (ax <= (T)50) {
        const T ei = k_expi(ax), e1 = k_exp1(ax);
        shi = (T)0.5 * (ei + e1);
        chi = (T)0.5 * (ei - e1);
    } else if (!isinf(ax)) {
        shi = chi = k_ei_asymptotic(ax, (T)0.5);
    }
    if (want_chi) return chi;
    return x < (T)0 ? -shi : shi;
}
// E_n(x) (SciPy's expn; CUDA has none): src/backend/cpu/expint.rs' expn, n truncated.
template <typename T> __device__ T k_expn(T n0, T x) {
    const T n = trunc(n0);
    if (n != n || x != x || n < (T)0 || x < (T)0) return k_special(x, true);
    if (x == (T)0) return n <= (T)1 ? k_special(x, false) : (T)1 / (n - (T)1);
    if (isinf(x) || isinf(n)) return (T)0;
    if (n == (T)0) return k_exp(-x) / x;
    if (x >= (T)0.5) return k_exp(-x) / k_legendre_backward((T)1 - n, x, k_e1_depth(x) + 12);
    const T m = n - (T)1, lx = k_log(x);  // the k = n − 1 term: t·(H_(n−1) − γ − ln x)
    T s = 0, t = 1, h = 0;                 // t = (−x)^k/k!, h = H_k
#pragma unroll 1  // unrolled, the f64 kernel spilled 32 B on sm_90
    for (int i = 0; i < 300; ++i) {
        const T k = (T)i;
        if (i > 0) {
            t *= -x / k;
            h += (T)1 / k;
        }
        if (k == m) {
            s += t * ((h - (T)0.5772156649015329) - lx);
            continue;
        }
        const T term = t / (m - k);
        s += term;
        if (i > 0 && fabs(term) <= k_igam_eps<T>() * fabs(s)) break;
    }
    return s;
}
// The arithmetic–geometric mean of positive finite a and b (src/backend/cpu/special.rs:
// agm_mean): to 1e-9 (f32 1e-4), past which the next arithmetic mean is exact; ½(a + b) and
// √(ab) where those neither overflow nor underflow, else ½a + ½b and √a·√b.
template <typename T> __device__ T k_agm_half_sum(T a, T b) {
    const T s = a + b;
    return isinf(s) ? (T)0.5 * a + (T)0.5 * b : (T)0.5 * s;
}
template <typename T> __device__ T k_agm_mean(T a, T b) {
    const T tol = sizeof(T) == 4 ? (T)1e-4 : (T)1e-9;
    const T tiny = sizeof(T) == 4 ? (T)1.1754943508222875e-38 : (T)2.2250738585072014e-308;
    for (int i = 0; i < 64 && fabs(a - b) > tol * fmax(a, b); ++i) {
        const T ab = a * b, g = (ab >= tiny && !isinf(ab)) ? sqrt(ab) : sqrt(a) * sqrt(b);
        a = k_agm_half_sum(a, b);
        b = g;
    }
    return k_agm_half_sum(a, b);
}
// K(1 − p) (SciPy's ellipkm1; CUDA has none): src/backend/cpu/special.rs' ellipkm1,
// π/(2·AGM(1, √p)).
template <typename T> __device__ T k_ellipkm1(T p) {
    if (p != p || p < (T)0) return k_special(p, true);
    if (p == (T)0) return k_special(p, false);
    if (isinf(p)) return (T)0;
    return (T)3.141592653589793 / ((T)2 * k_agm_mean((T)1, sqrt(p)));
}
// The arithmetic–geometric mean (SciPy's agm; CUDA has none): src/backend/cpu/special.rs.
// NaN for opposite signs and ±∞ against 0, 0 where one is 0, −agm(−a, −b) for two negative
// arguments, ±∞ where one is ±∞.
template <typename T> __device__ T k_agm(T a, T b) {
    if (a != a || b != b || (a < (T)0 && b > (T)0) || (a > (T)0 && b < (T)0)) return k_special(a, true);
    const bool inf = isinf(a) || isinf(b);
    if (a == (T)0 || b == (T)0) return inf ? k_special(a, true) : (T)0;
    const T sign = a < (T)0 ? (T)-1 : (T)1;
    if (inf) return sign * k_special(a, false);
    return sign * k_agm_mean(fabs(a), fabs(b));
}
// E(m) (SciPy's ellipe; CUDA has none): src/backend/cpu/special.rs' ellipe, Cephes'
// P(p) − p·ln p·Q(p) in p = 1 − m, or √p·E(1 − 1/p) below m = 0.
__device__ const double K_ELLIPE_P[11] = {1.53552577301013293365e-4, 2.50888492163602060990e-3, 8.68786816565889628429e-3, 1.07350949056076193403e-2, 7.77395492516787092951e-3, 7.58395289413514708519e-3, 1.15688436810574127319e-2, 2.18317996015557253103e-2, 5.68051945617860553470e-2, 4.43147180560990850618e-1, 1.00000000000000000299e0};
__device__ const double K_ELLIPE_Q[10] = {3.27954898576485872656e-5, 1.00962792679356715133e-3, 6.50609489976927491433e-3, 1.68862163993311317300e-2, 2.61769742454493659583e-2, 3.34833904888224918614e-2, 4.27180926518931511717e-2, 5.85936634471101055642e-2, 9.37499997197644278445e-2, 2.49999999999888314361e-1};
template <typename T> __device__ T k_ellipe_poly(T x) {
    T p = (T)K_ELLIPE_P[0], q = (T)K_ELLIPE_Q[0];
#pragma unroll
    for (int i = 1; i < 11; ++i) p = p * x + (T)K_ELLIPE_P[i];
    if (x < (T)1e-30) return p;
#pragma unroll
    for (int i = 1; i < 10; ++i) q = q * x + (T)K_ELLIPE_Q[i];
    return p - log(x) * (x * q);
}
template <typename T> __device__ T k_ellipe(T m) {
    if (m != m || m > (T)1) return k_special(m, true);
    if (isinf(m)) return k_special(m, false);
    const T p = (T)1 - m;
    if (p > (T)1) return k_ellipe_poly((T)1 / p) * sqrt(p);
    return k_ellipe_poly(p);
}
// x − nπ for n a multiple of ½ (src/backend/cpu/ellipj.rs: reduce_pi): π in three parts
// whose products with n are exact below 2^22 (f32: 2^11).
template <typename T> __device__ T k_reduce_pi(T x, T n) {
    const bool f32 = sizeof(T) == 4;
    if (fabs(n) >= (f32 ? (T)2048 : (T)4194304)) return x - n * (T)3.141592653589793;
    const T pa = f32 ? (T)3.1416015625 : (T)3.1415926553308964;
    const T pb = f32 ? (T)-8.907169103622437e-06 : (T)-1.7411031384001463e-09;
    const T pc = f32 ? (T)-1.7411031505432106e-09 : (T)-7.00686879617986e-19;
    return ((x - n * pa) - n * pb) - n * pc;
}
// Jacobi's sn, cn, dn and am (SciPy's ellipj; CUDA has none): src/backend/cpu/ellipj.rs.
// sn, cn and dn of z for m within 1e-4 of 1 (p = 1 − m): ascending Landen steps until p is
// below half an ulp of 1, then the first order in p about tanh and sech.
template <typename T> struct Jacobi { T sn, cn, dn, am, j; };
template <typename T> __device__ Jacobi<T> k_jacobi_ascending(T z, T m, T p) {
    const T eps = sizeof(T) == 4 ? (T)5.960464477539063e-8 : (T)1.1102230246251565e-16;
    T ks[4], kps[4], k = sqrt(m);
    int n = 0;
    while (p > eps && n < 4) {
        const T kp2 = p / (((T)1 + k) * ((T)1 + k));
        ks[n] = k;
        kps[n++] = kp2;
        z *= (T)0.5 * ((T)1 + k);
        p = kp2 * kp2;
        k = (T)2 * sqrt(k) / ((T)1 + k);
    }
    const T t = tanh(z), ch = cosh(z), sech = (T)1 / ch, e = (T)0.25 * p, sc = sinh(z) * ch;
    T s = t + e * (sc - z) * sech * sech, c = sech - e * (sc - z) * t * sech, d = sech + e * (sc + z) * t * sech;
    for (int i = n - 1; i >= 0; --i) {
        const T kk = ks[i], kp2 = kps[i];
        const T s1 = (T)2 / ((T)1 + kk) * s * c / d, c1 = ((T)1 + kk) / ((T)2 * kk) * (d * d - kp2) / d;
        d = (T)0.5 * ((T)1 + kk) * (d * d + kp2) / d;
        s = s1;
        c = c1;
    }
    return {s, c, d, atan2(s, c), (T)0};
}
// (sn, cn, dn, am) of u for a parameter in [0, 1] given as m and p = 1 − m, and j with
// am − jπ in (−π/2, π): the descending Landen sequence to half an ulp of 1 (13 steps at
// most), u = r + qK with a·r reduced by qπ/2 in three parts, r's functions by the
// amplitude's recurrence (or ascending Landen within 1e-4 of m = 1), then the shift by qK.
template <typename T> __device__ Jacobi<T> k_jacobi_core(T u, T m, T p) {
    if (p == (T)0) {
        const T sech = (T)1 / cosh(u);
        return {tanh(u), sech, sech, atan(sinh(u)), (T)0};
    }
    const bool f32 = sizeof(T) == 4;
    const T eps = f32 ? (T)5.960464477539063e-8 : (T)1.1102230246251565e-16;
    T a = 1, b = sqrt(p), c = sqrt(m), scale = 1, ratio[16];
    int n = 0;
    while (n < 16 && c > eps * a) {
        const T a1 = (T)0.5 * (a + b);
        c = (n == 0 && p <= (T)0.5) ? (T)0.5 * ((T)1 - b) : c * c / ((T)4 * a1);
        b = sqrt(a * b);
        a = a1;
        ratio[n++] = c / a;
        scale *= (T)2;
    }
    const T w0 = a * u, half_pi = (T)1.5707963267948966, pi = (T)3.141592653589793;
    const T q = floor(w0 / half_pi + (T)0.5), w = k_reduce_pi(w0, (T)0.5 * q);
    Jacobi<T> r;
    if (p < (T)1e-4) {
        r = k_jacobi_ascending(w / a, m, p);
    } else {
        T phi = w * scale;
        for (int k = n - 1; k >= 0; --k) phi = (T)0.5 * (asin(ratio[k] * sin(phi)) + phi);
        const T cs = cos(phi);
        r = {sin(phi), cs, sqrt(p + m * cs * cs), phi, (T)0};
    }
    const T j = floor((T)0.5 * q), sign = j - (T)2 * floor((T)0.5 * j) != (T)0 ? (T)-1 : (T)1;
    if (q - (T)2 * j == (T)0) return {sign * r.sn, sign * r.cn, r.dn, j * pi + r.am, j};
    const T kp = sqrt(p);
    return {sign * r.cn / r.dn, -sign * kp * r.sn / r.dn, kp / r.dn, q * half_pi + atan2(kp * r.sn, r.cn), j};
}
// sn, cn, dn or am (PART 0 to 3) of u at parameter m: m < 0 by the imaginary-modulus
// transformation, m > 1 by the reciprocal one (DLMF 22.17); NaN for ±∞ or NaN.
template <int PART, typename T> __device__ T k_ellipj(T u, T m) {
    if (!isfinite(u) || !isfinite(m)) return u * (T)0 * m;
    if (m < (T)0) {
        const T s = sqrt((T)1 - m);
        const Jacobi<T> q = k_jacobi_core(u * s, -m / ((T)1 - m), (T)1 / ((T)1 - m));
        if (PART == 0) return q.sn / (s * q.dn);
        if (PART == 1) return q.cn / q.dn;
        if (PART == 2) return (T)1 / q.dn;
        const T sign = q.j - (T)2 * floor((T)0.5 * q.j) != (T)0 ? (T)-1 : (T)1;
        return q.j * (T)3.141592653589793 + atan2(sign * q.sn, s * sign * q.cn);
    }
    if (m > (T)1) {
        const T s = sqrt(m);
        const Jacobi<T> q = k_jacobi_core(u * s, (T)1 / m, (m - (T)1) / m);
        if (PART == 0) return q.sn / s;
        if (PART == 1) return q.dn;
        if (PART == 2) return q.cn;
        return atan2(q.sn / s, q.dn);
    }
    const Jacobi<T> q = k_jacobi_core(u, m, (T)1 - m);
    return PART == 0 ? q.sn : PART == 1 ? q.cn : PART == 2 ? q.dn : q.am;
}
// Carlson's R_F(x, y, z) and R_D(x, y, z) (src/backend/cpu/carlson.rs): duplication to
// (3ε)^(−1/6) and (ε/4)^(−1/6) of the arguments' spread, then the fifth-order series.
// Duplication from (x, y, z) with mean a0 until spread·4⁻ⁿ is below the mean: a, f = 4⁻ⁿ
// and R_D's sum Σ 4⁻ᵏ/(√zₖ(zₖ + λₖ)), λ = √x√y + √y√z + √z√x.
template <typename T> __device__ void k_carlson_duplicate(T x, T y, T z, T a0, T spread, T& a, T& f, T& sum) {
    const T q = spread * fmax(fmax(fabs(a0 - x), fabs(a0 - y)), fabs(a0 - z));
    a = a0;
    f = 1;
    sum = 0;
#pragma unroll 1
    for (int i = 0; i < 32 && q * f >= fabs(a); ++i) {
        const T sx = sqrt(x), sy = sqrt(y), sz = sqrt(z), l = sx * sy + sy * sz + sz * sx;
        sum += f / (sz * (z + l));
        x = (T)0.25 * (x + l);
        y = (T)0.25 * (y + l);
        z = (T)0.25 * (z + l);
        a = (T)0.25 * (a + l);
        f *= (T)0.25;
    }
}
template <typename T> __device__ T k_carlson_rf(T x0, T y0, T z0) {
    const T a0 = (x0 + y0 + z0) / (T)3;
    T a, f, sum;
    k_carlson_duplicate(x0, y0, z0, a0, sizeof(T) == 4 ? (T)11.869382009446435 : (T)338.3813509546826, a, f, sum);
    const T xx = (a0 - x0) * f / a, yy = (a0 - y0) * f / a, zz = -xx - yy;
    const T e2 = xx * yy - zz * zz, e3 = xx * yy * zz;
    return ((T)1 - e2 / (T)10 + e3 / (T)14 + e2 * e2 / (T)24 - (T)3 * e2 * e3 / (T)44) / sqrt(a);
}
template <typename T> __device__ T k_carlson_rd(T x0, T y0, T z0) {
    const T a0 = (x0 + y0 + (T)3 * z0) / (T)5;
    T a, f, sum;
    k_carlson_duplicate(x0, y0, z0, a0, sizeof(T) == 4 ? (T)17.959392772949965 : (T)512, a, f, sum);
    const T xx = (a0 - x0) * f / a, yy = (a0 - y0) * f / a, zz = -(xx + yy) / (T)3;
    const T xy = xx * yy, z2 = zz * zz;
    const T e2 = xy - (T)6 * z2, e3 = ((T)3 * xy - (T)8 * z2) * zz, e4 = (T)3 * (xy - z2) * z2, e5 = xy * z2 * zz;
    const T series = (T)1 - (T)3 * e2 / (T)14 + e3 / (T)6 + (T)9 * e2 * e2 / (T)88 - (T)3 * e4 / (T)22 -
                     (T)9 * e2 * e3 / (T)52 + (T)3 * e5 / (T)26;
    return f * series / (a * sqrt(a)) + (T)3 * sum;
}
// SciPy's elliprf, elliprd, elliprg, elliprc (CUDA has none): src/backend/cpu/carlson.rs,
// whose edges these follow; R_G by DLMF 19.21.10 about the median, its second term
// multiplied as (x − z)·((y − z)·R_D) so that no product of two arguments overflows.
template <typename T> __device__ bool k_carlson_bad(T x, T y, T z) {
    return x != x || y != y || z != z || fmin(fmin(x, y), z) < (T)0;
}
template <typename T> __device__ T k_elliprf(T x, T y, T z) {
    if (k_carlson_bad(x, y, z)) return k_special(x, true);
    if (isinf(fmax(fmax(x, y), z))) return (T)0;
    if ((x == (T)0) + (y == (T)0) + (z == (T)0) >= 2) return k_special(x, false);
    return k_carlson_rf(x, y, z);
}
template <typename T> __device__ T k_elliprd(T x, T y, T z) {
    if (k_carlson_bad(x, y, z)) return k_special(x, true);
    if (isinf(fmax(fmax(x, y), z))) return (T)0;
    if (z == (T)0 || (x == (T)0 && y == (T)0)) return k_special(x, false);
    return k_carlson_rd(x, y, z);
}
template <typename T> __device__ T k_elliprg(T x, T y, T z) {
    if (k_carlson_bad(x, y, z)) return k_special(x, true);
    const T lo = fmin(fmin(x, y), z), hi = fmax(fmax(x, y), z), mid = fmax(fmin(x, y), fmin(fmax(x, y), z));
    if (isinf(hi)) return k_special(x, false);
    if (mid == (T)0) return (T)0.5 * sqrt(hi);
    return (T)0.5 * (mid * k_carlson_rf(lo, hi, mid) + (mid - lo) * ((hi - mid) * k_carlson_rd(lo, hi, mid)) / (T)3 +
                     sqrt(lo / mid) * sqrt(hi));
}
template <typename T> __device__ T k_elliprc(T x, T y) {
    if (x != x || y != y || x < (T)0 || y == (T)0) return k_special(x, true);
    if (isinf(x) || isinf(y)) return (T)0;
    if (y > (T)0) return k_carlson_rf(x, y, y);
    const T d = x - y;
    return sqrt(x / d) * k_carlson_rf(d, -y, -y);
}
// R_J(x, y, z, p) for non-negative x, y, z (at most one 0) and positive p, and SciPy's
// elliprj about it (src/backend/cpu/carlson.rs: rc1p, rj_duplicate, rj, elliprj, whose
// comments say why): R_C(1, 1 + e) from e and 1 + e each to full precision; the duplication with
// eₘ = Π 4⁻ᵐ(p − x)/(√p + √x)² and 1 + eₘ = 2√p(p + λ)/dₘ; p above 16 times the largest
// argument traded for a smaller one (DLMF 19.21.12); for p < 0 the principal value by
// Carlson's transformation to a positive p' with z the largest argument.
template <typename T> __device__ T k_carlson_rc1p(T e, T ope) {
    if (e > (T)0) {
        const T t = sqrt(e);
        return k_atan(t) / t;
    }
    if (e < (T)0) {
        const T t = sqrt(-e);
        return (T)0.5 * k_ln_1p((T)2 * t * ((T)1 + t) / ope) / t;
    }
    return (T)1;
}
template <typename T> __device__ T k_carlson_rj_duplicate(T x0, T y0, T z0, T p0) {
    const T a0 = (x0 + y0 + z0 + (T)2 * p0) / (T)5;
    const T spread = sizeof(T) == 4 ? (T)17.959392772949965 : (T)512;
    const T q = spread * fmax(fmax(fabs(a0 - x0), fabs(a0 - y0)), fmax(fabs(a0 - z0), fabs(a0 - p0)));
    const T dx = p0 - x0, dy = p0 - y0, dz = p0 - z0;
    T x = x0, y = y0, z = z0, p = p0, a = a0, f = 1, sum = 0;
#pragma unroll 1
    for (int i = 0; i < 32 && q * f >= fabs(a); ++i) {
        const T sx = sqrt(x), sy = sqrt(y), sz = sqrt(z), sp = sqrt(p), l = sx * sy + sy * sz + sz * sx;
        const T px = sp + sx, py = sp + sy, pz = sp + sz, d = px * py * pz;
        const T e = (dx * f / (px * px)) * (dy * f / (py * py)) * (dz * f / (pz * pz));
        sum += f / d * k_carlson_rc1p(e, (T)2 * sp * (p + l) / d);
        x = (T)0.25 * (x + l);
        y = (T)0.25 * (y + l);
        z = (T)0.25 * (z + l);
        p = (T)0.25 * (p + l);
        a = (T)0.25 * (a + l);
        f *= (T)0.25;
    }
    const T xx = (a0 - x0) * f / a, yy = (a0 - y0) * f / a, zz = (a0 - z0) * f / a, pp = -(xx + yy + zz) / (T)2;
    const T xyz = xx * yy * zz, p2 = pp * pp;
    const T e2 = xx * yy + xx * zz + yy * zz - (T)3 * p2, e3 = xyz + (T)2 * e2 * pp + (T)4 * p2 * pp;
    const T e4 = ((T)2 * xyz + e2 * pp + (T)3 * p2 * pp) * pp, e5 = xyz * p2;
    const T series = (T)1 - (T)3 * e2 / (T)14 + e3 / (T)6 + (T)9 * e2 * e2 / (T)88 - (T)3 * e4 / (T)22 -
                     (T)9 * e2 * e3 / (T)52 + (T)3 * e5 / (T)26;
    return f * series / (a * sqrt(a)) + (T)6 * sum;
}
template <typename T> __device__ T k_carlson_rj(T x0, T y0, T z0, T p) {
    const T x = fmin(fmin(x0, y0), z0), z = fmax(fmax(x0, y0), z0);
    if (p <= (T)16 * z) return k_carlson_rj_duplicate(x0, y0, z0, p);
    const T y = fmax(fmin(x0, y0), fmin(fmax(x0, y0), z0)), q = x + (y - x) * ((z - x) / (p - x));
    const T rest = q > (T)0 ? (T)3 * sqrt(x / q) / sqrt(p) * k_carlson_rf((y / p) * (z / q), (T)1, (T)1) +
                                  (q - x) * k_carlson_rj_duplicate(x, y, z, q)
                            : (T)0;
    return ((T)3 * k_carlson_rf(x, y, z) - rest) / (p - x);
}
template <typename T> __device__ T k_elliprj(T x0, T y0, T z0, T p) {
    if (k_carlson_bad(x0, y0, z0) || p != p) return k_special(x0, true);
    if (isinf(fmax(fmax(x0, y0), fmax(z0, fabs(p))))) return (T)0;
    if (p == (T)0 || (x0 == (T)0) + (y0 == (T)0) + (z0 == (T)0) >= 2) return k_special(x0, false);
    if (p > (T)0) return k_carlson_rj(x0, y0, z0, p);
    const T x = fmin(fmin(x0, y0), z0), z = fmax(fmax(x0, y0), z0), y = fmax(fmin(x0, y0), fmin(fmax(x0, y0), z0));
    const T q = -p, pp = x * ((z - y) / (z + q)) + z * ((y + q) / (z + q));
    const T t = x == (T)0 ? k_special(x, false) : (pp / x) * (q / y);
    const T pole = (T)3 * sqrt(z / ((T)1 + t)) * k_carlson_rf((T)1 + (T)1 / t, (T)1, (T)1) / (sqrt(pp) * sqrt(q));
    return (pole - (z - x) * ((z - y) / (z + q)) * k_carlson_rj(x, y, z, pp) - (T)3 * k_carlson_rf(x, y, z)) / (z + q);
}
// SciPy's lpmv, P_v^m(x) of integer order and real degree with the Condon–Shortley phase
// (CUDA has none): the steps of src/backend/cpu/legendre.rs, whose comments say why;
// src/ops/legendre.rs describes the method.
template <typename T> __device__ T k_lpmv_poch_range(T v, int k) {
    T p = (T)1;
    for (int j = 1; j <= k; j++) p *= (v + (T)j) * (v - (T)(j - 1));
    return p;
}
// sin(πv), exact in its argument: v split at the nearest integer n.
template <typename T> __device__ T k_lpmv_sin_pi(T v) {
    const T n = floor(v + (T)0.5);
    const T sn = sin((T)3.14159265358979311600e+00 * (v - n));
    return n - (T)2 * floor(n * (T)0.5) == (T)1 ? -sn : sn;
}
// From P_(v−steps−1), P_(v−steps) up the recurrence in the degree to P_v, its coefficients
// divided through first (v − j is exact).
template <typename T> __device__ T k_lpmv_climb(T p0, T p1, T steps, T v, T mu, T x) {
    for (T j = steps; j > (T)0; j -= (T)1) {
        const T nu = v - j, d = nu - mu + (T)1;
        const T p2 = ((T)2 * nu + (T)1) / d * x * p1 - (nu + mu) / d * p0;
        p0 = p1;
        p1 = p2;
    }
    return p1;
}
// c·s^k/(2^k k!), times Π(v + j) unless neg, the factors applied to c one by one so that
// nothing underflows (f32: s^k/(2^k k!) at k = 32) or overflows before the value does.
template <typename T> __device__ T k_lpmv_prefactor(T c, T v, int k, T s, bool neg) {
    for (int j = 1; j <= k; j++) {
        const T jf = (T)j;
        c = neg ? c * s / ((T)2 * jf) : c * (v + jf) * (v - (T)(j - 1)) * s / ((T)2 * jf);
    }
    return c;
}
// P_v^(−k)(x) = s^k/(2^k k!)·F(k − v, k + v + 1; k + 1; (1 − x)/2), P_v^k = (−1)^k Π(v + j)·P_v^(−k).
template <typename T> __device__ T k_lpmv_gauss(T v, int k, bool neg, T x, T s) {
    const T eps = sizeof(T) == 4 ? (T)2.9802322387695312e-08 : (T)5.551115123125783e-17;
    const T kf = (T)k, t = ((T)1 - x) * (T)0.5;
    T sum = (T)1, r = (T)1, n = (T)0;
    for (int it = 0; it < 8192; it++) {
        const T q = (kf - v + n) * (kf + v + (T)1 + n) / ((kf + (T)1 + n) * (n + (T)1)) * t;
        r *= q;
        sum += r;
        n += (T)1;
        if (fabs(q) < (T)1 && fabs(r) <= eps * ((T)1 - t) * fabs(sum)) break;
    }
    const T p = k_lpmv_prefactor(sum, v, k, s, neg);
    return !neg && (k & 1) ? -p : p;
}
// P_v^(±k)(x) for non-integer v and x < 0 by the connection formula at x = −1 for
// F(k − v, k + v + 1; k + 1; ·) (DLMF 15.8.10, Zhang & Jin's LPMV0's form) with its own
// digammas, each stepped by ψ(z + 1) = ψ(z) + 1/z; for −k the finite sum over Π(v + j).
template <typename T> __device__ T k_lpmv_log(T v, int k, bool neg, T x) {
    const T eps = sizeof(T) == 4 ? (T)2.9802322387695312e-08 : (T)5.551115123125783e-17;
    const T kf = (T)k, y = ((T)1 + x) * (T)0.5;
    const T vs = k_lpmv_sin_pi(v) / (T)3.14159265358979311600e+00;
    const T lg = log(y);
    T d1 = (T)-0.5772156649015329, d2 = d1;
    for (int j = 1; j <= k; j++) d2 += (T)1 / (T)j;
    T d3 = k_digamma(kf - v), d4 = k_digamma(kf + v + (T)1);
    T sum = lg - d1 - d2 + d3 + d4, r = (T)1, j = (T)0;
    for (int it = 0; it < 8192; it++) {
        const T q = (j + kf - v) * (v + kf + (T)1 + j) / ((j + (T)1) * (j + (T)1 + kf)) * y;
        r *= q;
        d1 += (T)1 / (j + (T)1);
        d2 += (T)1 / (kf + j + (T)1);
        d3 += (T)1 / (kf - v + j);
        d4 += (T)1 / (kf + v + (T)1 + j);
        const T bracket = lg - d1 - d2 + d3 + d4;
        sum += bracket * r;
        j += (T)1;
        if (fabs(q) < (T)1 && fabs(r) * fmax(fabs(bracket), (T)1) <= eps * fabs(sum)) break;
    }
    T pv0 = (T)0;
    if (k > 0) {
        T s0 = (T)1, r1 = (T)1;
        for (int i = 1; i < k; i++) {
            const T fi = (T)i;
            r1 *= ((T)(i - 1) - v) * (v + fi) / (fi * (fi - kf)) * y;
            s0 += r1;
        }
        const T q = sqrt(((T)1 - x) / ((T)1 + x));
        pv0 = -vs / kf * s0;
        for (int i = 1; i <= k; i++) {
            const T fi = (T)i;
            pv0 = neg ? pv0 * q * fi / ((v + fi) * (v - (T)(i - 1))) : pv0 * q * fi;
        }
    }
    const T s = sqrt(((T)1 - x) * ((T)1 + x));
    const T p = pv0 + k_lpmv_prefactor(vs * sum, v, k, s, neg);
    return neg && (k & 1) ? -p : p;
}
// Integer degree n ≥ 0: 0 for 0 ≤ m and n < m; for m < 0 and n < |m| Gauss's series, or
// below x = 0 its all-positive form; otherwise P_n^m(x) = (−1)^(n+m) P_n^m(−x) and the climb
// at |x| from P_k^(±k), P_(k+1)^(±k).
template <typename T> __device__ T k_lpmv_integer(T n, int k, bool neg, T x) {
    const T kf = (T)k;
    if (n < kf) {
        if (!neg) return (T)0;
        if (x == (T)-1) return k_special(x, false);
        if (x >= (T)0) return k_lpmv_gauss(n, k, true, x, sqrt(((T)1 - x) * ((T)1 + x)));
        const T q = sqrt(((T)1 - x) / ((T)1 + x)), y = ((T)1 + x) * (T)0.5;
        T c = (T)1, sum = (T)1, r = (T)1;
        for (int j = 1; j <= k; j++) c = c * q / (T)j;
        for (T i = (T)0; i < n; i += (T)1) {
            c *= (kf - n + i) / (kf + (T)1 + i);
            r *= (i - n) * (n + (T)1 + i) / (((T)1 - kf + i) * (i + (T)1)) * y;
            sum += r;
        }
        return c * sum;
    }
    const bool odd = (n + kf) - (T)2 * floor((n + kf) * (T)0.5) == (T)1;
    const T sign = x < (T)0 && odd ? (T)-1 : (T)1;
    const T ax = fabs(x), s = sqrt(((T)1 - ax) * ((T)1 + ax));
    T pk = (T)1;
    for (int j = 1; j <= k; j++) {
        const T jf = (T)j;
        pk = neg ? pk * s / ((T)2 * jf) : -pk * ((T)2 * jf - (T)1) * s;
    }
    if (n == kf) return sign * pk;
    const T p1 = ax * pk * (neg ? (T)1 : (T)2 * kf + (T)1);
    return sign * k_lpmv_climb(pk, p1, n - kf - (T)1, n, neg ? -kf : kf, ax);
}
template <typename T> __device__ T k_lpmv_base(T v, int k, bool neg, T x, T s, bool use_log) {
    return use_log ? k_lpmv_log(v, k, neg, x) : k_lpmv_gauss(v, k, neg, x, s);
}
// NaN for m not an integer, |x| > 1, |m| > 512, |v| > 2^18 or a NaN; at x = 1, 1 for m = 0
// and 0 otherwise; ±∞ at x = −1 for non-integer v; P_v = P_(−v−1).
template <typename T> __device__ T k_lpmv(T m, T v0, T x) {
    if (m != m || v0 != v0 || x != x || m != floor(m) || fabs(m) > (T)512 || fabs(x) > (T)1) return k_special(x, true);
    const T v = v0 < (T)-0.5 ? -v0 - (T)1 : v0;
    if (v > (T)262144) return k_special(x, true);
    const int k = (int)fabs(m);
    const bool neg = m < (T)0;
    if (x == (T)1) return k == 0 ? (T)1 : (T)0;
    const T fl = floor(v), kf = (T)k;
    if (v == fl) return k_lpmv_integer(v, k, neg, x);
    if (x == (T)-1) {
        T sg = k_lpmv_sin_pi(v) > (T)0 ? (T)-1 : (T)1;
        if (neg && ((k & 1) == 1) != (k_lpmv_poch_range(v, k) < (T)0)) sg = -sg;
        return sg * k_special(x, false);
    }
    const T s = sqrt(((T)1 - x) * ((T)1 + x));
    const bool turn = x < (T)0 && (T)0.9 * kf >= s * (kf + (T)1);
    const T lo = turn ? floor((T)0.9 * kf / s) : kf;
    const bool use_log = turn || x < (T)-0.8;
    if (fl - lo <= (T)1) return k_lpmv_base(v, k, neg, x, s, use_log);
    const T p0 = k_lpmv_base(v - (fl - lo), k, neg, x, s, use_log);
    const T p1 = k_lpmv_base(v - (fl - lo - (T)1), k, neg, x, s, use_log);
    return k_lpmv_climb(p0, p1, fl - lo - (T)1, v, neg ? -kf : kf, x);
}
// SciPy's sph_legendre_p: the spherical Legendre function P̄_n^m(θ) =
// √((2n + 1)/(4π)·(n − m)!/(n + m)!)·P_n^m(cos θ), the steps of src/backend/cpu/legendre.rs'
// sph_legendre_p (its comments say why; src/ops/sph_harm.rs describes the method). Running
// values are kept within 2^±scale (f64 500, f32 60), their exponents apart.
__device__ __forceinline__ float k_ldexp(float x, int e) { return ldexpf(x, e); }
__device__ __forceinline__ double k_ldexp(double x, int e) { return ldexp(x, e); }
template <typename T> __device__ __forceinline__ int k_sph_scale() { return sizeof(T) == 4 ? 60 : 500; }
// v·2^e brought back within 2^±scale (from within 2^±2·scale).
template <typename T> __device__ void k_sph_norm(T* v, long long* e) {
    const int sc = k_sph_scale<T>();
    const T big = k_ldexp((T)1, sc), tiny = k_ldexp((T)1, -sc);
    if (fabs(*v) > big) { *v *= tiny; *e += sc; }
    else if (fabs(*v) < tiny && *v != (T)0) { *v *= big; *e -= sc; }
}
// sᵏ = f·2^e (0 < s ≤ 1) by binary powering, each product brought back in range.
template <typename T> __device__ T k_sph_pow(T s, unsigned k, long long* e) {
    const T tiny = k_ldexp((T)1, -k_sph_scale<T>());
    T b = s, f = (T)1;
    long long eb = 0;
    *e = 0;
    while (b < tiny) k_sph_norm(&b, &eb);
    while (k > 0) {
        if (k & 1u) { f *= b; *e += eb; k_sph_norm(&f, e); }
        k >>= 1;
        if (k > 0) { b *= b; eb *= 2; k_sph_norm(&b, &eb); }
    }
    return f;
}
template <typename T> __device__ T k_sph_legendre_p(T n, T m, T theta) {
    if (n != n || m != m || theta != theta || n != floor(n) || m != floor(m) || isinf(theta)) return k_special(n, true);
    if (n < (T)0 || fabs(m) > n) return (T)0;
    if (n > (T)262144) return k_special(n, true);
    const unsigned nu = (unsigned)n, k = (unsigned)fabs(m);
    T sn, c;
    k_sincos(theta, &sn, &c);
    const T s = fabs(sn), x = fabs(c);
    if (s == (T)0 && k > 0) return (T)0;
    T g = (T)1;
    long long e = 0;
    for (unsigned i = 1; i <= k; ++i) {
        const T fi = (T)i;
        g *= (n + fi) * (n + (T)1 - fi) / ((T)4 * fi * fi);
        k_sph_norm(&g, &e);
    }
    g = sqrt(g);
    e /= 2;
    const bool near = x >= (T)0.5;
    if (k > 0 && near) {
        long long es;
        g *= k_sph_pow(s, k, &es);
        e += es;
        k_sph_norm(&g, &e);
    } else if (k > 0) {
        const T l = (T)0.5 * (T)k * k_ln_1p(-c * c);
        const T big = floor(l / (T)6.93147180369123816490e-01);
        g *= k_exp(l - big * (T)6.93147180369123816490e-01 - big * (T)1.90821492927058770002e-10);
        e += (long long)big;
    }
    const T t = s * s / ((T)1 + x), kf = (T)k, tiny = k_ldexp((T)1, -k_sph_scale<T>());
    T u = (T)1, w = (T)0;  // u_j; d_j near the poles, else u_(j−1)
    for (unsigned j = k + 1; j <= nu; ++j) {
        const T jf = (T)j;
        const T a = ((T)2 * jf - (T)1) / (jf + kf), b = (jf - (T)1 - kf) / (jf + kf);
        if (near) {
            w = b * w - a * t * u;
            u += w;
        } else {
            const T next = a * x * u - b * w;
            w = u;
            u = next;
        }
        if (fabs(u) < tiny && fabs(w) < tiny) {
            u /= tiny;
            w /= tiny;
            e -= k_sph_scale<T>();
        }
    }
    T v = g * u;
    k_sph_norm(&v, &e);
    const int total = (int)(e < -4000 ? -4000 : (e > 4000 ? 4000 : e)), half = total / 2;
    v = k_ldexp(k_ldexp(sqrt(((T)2 * n + (T)1) / ((T)4 * (T)3.14159265358979311600e+00)) * v, half), total - half);
    const bool flip = (m > (T)0 && (k & 1u)) != (c < (T)0 && ((nu + k) & 1u));
    return flip ? -v : v;
}
// SciPy's hyp2f1, ₂F₁(a, b; c; x) at real arguments (CUDA has none): the steps of
// src/backend/cpu/hyp2f1.rs, whose comments say why; src/ops/hyp2f1.rs describes the
// method. Every value is a power series in the form that cancels least; a sum's loss is its
// largest term over its value. The series stop at a term below half an ulp of 1
// (k_igam_eps) of their sum and give NaN past K_HYP2F1_MAX_TERMS (wgpu's loop budget).
constexpr double K_HYP2F1_MAX_TERMS = 4000.0;
constexpr double K_HYP2F1_DIRECT_BELOW = 0.9;  // Euler's form against the series up to here
// Up to 1 − w = DIRECT_NEAR_ONE the series itself where it does not cancel; past it the
// transformation to 1 − w.
constexpr double K_HYP2F1_DIRECT_NEAR_ONE = 0.07;
constexpr double K_HYP2F1_LOSS_OK = 4.0;  // a loss of at most two bits: the other forms past it
template <typename T> struct Hyp2f1Sum { T s, loss; };
// v a non-positive integer: a pole of Γ, or a parameter that ends the series.
template <typename T> __device__ __forceinline__ bool k_hyp2f1_npi(T v) { return v <= (T)0 && v == floor(v); }
// Γ(v) and 1/Γ(v) (0 at the poles) as calls: inlined at their dozen uses, they made the
// kernels ~15 times larger and slower to compile.
template <typename T> __device__ __noinline__ T k_hyp2f1_gamma(T v) { return k_gamma(v); }
template <typename T> __device__ __noinline__ T k_hyp2f1_rgamma(T v) {
    return k_hyp2f1_npi(v) ? (T)0 : (T)1 / k_gamma(v);
}
// Gauss's ratio Γ(c)Γ(c − a − b)/(Γ(c − a)Γ(c − b)): ₂F₁ at x = 1, and the finite part's
// factor near it.
template <typename T> __device__ T k_hyp2f1_gauss_ratio(T a, T b, T c) {
    return k_hyp2f1_gamma(c) * k_hyp2f1_rgamma(c - a) * (k_hyp2f1_gamma(c - a - b) * k_hyp2f1_rgamma(c - b));
}
// Σ (a)ₙ(b)ₙ/((c)ₙ n!) xⁿ and its loss. It ends where a or b does (a polynomial), else once
// every parameter has passed 0 and a term is below EPS of the sum; NaN (and an infinite
// loss) if it has not by MAX_TERMS.
template <typename T> __device__ __noinline__ Hyp2f1Sum<T> k_hyp2f1_series(T a, T b, T c, T x) {
    const T eps = k_igam_eps<T>();
    const T n0 = fmax(fmax(fmax(-a, -b), -c), (T)0);
    T s = 1, t = 1, big = 1, n = 0;
#pragma unroll 1
    for (;;) {
        const T num = (a + n) * (b + n);
        if (num == (T)0) break;
        if (n >= (T)K_HYP2F1_MAX_TERMS) return {k_special(x, true), k_special(x, false)};
        t *= num / ((c + n) * (n + (T)1)) * x;
        s += t;
        big = fmax(big, fabs(t));
        n += (T)1;
        if (n > n0 && fabs(t) <= eps * fabs(s)) break;
    }
    return {s, big / fabs(s)};
}
// The polynomial F(m, b; c; w) at 0 < w < 1, y = 1 − w: the sum, or where that cancels less
// DLMF 15.8.7's in y, (c − b)ₖ/(c)ₖ·F(m, b; b − c + m + 1; y) (k = −m), for k ≤ MAX_TERMS;
// with its loss. (The CPU's poly_in_y; the sum at 0 < x < 1 is formed twice here.)
template <typename T> __device__ Hyp2f1Sum<T> k_hyp2f1_poly_pos(T m, T b, T c, T w, T y) {
    const Hyp2f1Sum<T> r = k_hyp2f1_series(m, b, c, w);
    const T c2 = b - c + m + (T)1;
    if (r.loss <= (T)K_HYP2F1_LOSS_OK || (k_hyp2f1_npi(c2) && c2 > m) || -m > (T)K_HYP2F1_MAX_TERMS) return r;
    T k = 1;
#pragma unroll 1
    for (T j = 0; j < -m; j += (T)1) k *= (c - b + j) / (c + j);
    const Hyp2f1Sum<T> r2 = k_hyp2f1_series(m, b, c2, y);
    return r2.loss < r.loss ? Hyp2f1Sum<T>{k * r2.s, r2.loss} : r;
}
// The polynomial F(m, b; c; x), m a non-positive integer and c not a pole before it: its
// sum, or where that cancels the least cancelling of Pfaff's form (x < 0), DLMF 15.8.7's in
// 1 − x (0 < x < 1) and Euler's where c − b ends it too.
template <typename T> __device__ T k_hyp2f1_polynomial(T m, T b, T c, T x) {
    Hyp2f1Sum<T> best = k_hyp2f1_series(m, b, c, x);
    if (best.loss <= (T)K_HYP2F1_LOSS_OK || x >= (T)1) return best.s;
    // Pfaff: (1 − x)^−m F(m, c − b; c; x/(x − 1)), 1 − w = 1/(1 − x); else 1 − x itself.
    const bool pfaff = x < (T)0;
    const T y = pfaff ? (T)1 / ((T)1 - x) : (T)1 - x;
    const Hyp2f1Sum<T> r2 = k_hyp2f1_poly_pos(m, pfaff ? c - b : b, c, pfaff ? -x * y : x, y);
    if (r2.loss < best.loss) best = {pfaff ? k_pow((T)1 - x, -m) * r2.s : r2.s, r2.loss};
    if (k_hyp2f1_npi(c - b) && !k_hyp2f1_npi(c)) {
        const Hyp2f1Sum<T> r3 = k_hyp2f1_series(c - m, c - b, c, x);
        if (r3.loss < best.loss) best.s = k_pow((T)1 - x, c - m - b) * r3.s;
    }
    return best.s;
}
// ln(1 + r)/r, 1 at r = 0.
template <typename T> __device__ T k_hyp2f1_ln_rel(T r) { return r == (T)0 ? (T)1 : k_ln_1p(r) / r; }
// ln|Γ(z + δ)/Γ(z)|/δ (ψ(z) at δ = 0) and the ratio's sign (through `sign`), z and z + δ not
// poles: ln_1p(δ/(z + j)) up to z + j ≥ 15, then Stirling's series's difference, each term's
// difference quotient in closed form, so nothing cancels as δ nears 0.
template <typename T> __device__ __noinline__ T k_hyp2f1_ln_gamma_ratio(T z, T delta, T& sign) {
    T l = 0;
    sign = (T)1;
#pragma unroll 1
    for (; z < (T)15; z += (T)1) {
        // Γ(z + δ)/Γ(z) = Γ(z + 1 + δ)/Γ(z + 1)·z/(z + δ).
        const T r = delta / z;
        if (r > (T)-1) {
            l -= k_hyp2f1_ln_rel(r) / z;
        } else {
            sign = -sign;
            l -= k_log((T)-1 - r) / delta;
        }
    }
    // Σ B₂ⱼ/(2j(2j − 1))·((z + δ)^(1−2j) − z^(1−2j))/δ = −uv·Σ cⱼ·g_(2j−1),
    // g_1 = 1, g_(p+2) = u²g_p + v^p(u + v), u = 1/z, v = 1/(z + δ).
    const T cs[6] = {(T)(1.0 / 12.0), (T)(-1.0 / 360.0), (T)(1.0 / 1260.0), (T)(-1.0 / 1680.0), (T)(1.0 / 1188.0),
                     (T)(-691.0 / 360360.0)};
    const T u = (T)1 / z, v = (T)1 / (z + delta);
    T tail = 0, g = 1, vp = v;
#pragma unroll
    for (int j = 0; j < 6; ++j) {
        tail += cs[j] * g;
        g = u * u * g + vp * (u + v);
        vp *= v * v;
    }
    return l + (z - (T)0.5) * k_hyp2f1_ln_rel(delta / z) / z + k_log(z + delta) - (T)1 - u * v * tail;
}
// F at 0.93 < w < 1 (or past 0.9 where the series cancels) for c − a − b = d ≥ 0, none of a,
// b, c − a, c − b, c a non-positive integer: DLMF 15.8.4 in y = 1 − w with its two terms'
// poles cancelled in closed form (d = m + δ; the CPU's near_one says how).
template <typename T> __device__ T k_hyp2f1_near_one(T a, T b, T c, T y) {
    const T eps = k_igam_eps<T>();
    const T d = c - a - b, m = round(d), delta = d - m;
    // The first term's m terms that have no partner.
    T finite = 0;
    if (m > (T)0) {
        if (m > (T)K_HYP2F1_MAX_TERMS) return k_special(y, true);
        T t = 1, s = 1;
#pragma unroll 1
        for (T n = 0; n < m - (T)1; n += (T)1) {
            t *= (a + n) * (b + n) / ((n + (T)1 - d) * (n + (T)1)) * y;
            s += t;
        }
        finite = k_hyp2f1_gauss_ratio(a, b, c) * s;
    }
    const T am = a + m, bm = b + m;
    T sa, sb, s1;
    const T la = k_hyp2f1_ln_gamma_ratio(am, delta, sa);
    const T lb = k_hyp2f1_ln_gamma_ratio(bm, delta, sb);
    const T lm = k_hyp2f1_ln_gamma_ratio((T)1 + m, delta, s1);
    const T l1 = k_hyp2f1_ln_gamma_ratio((T)1, -delta, s1);
    // (h_0(δ)/h_0(0) − 1)/δ from ln|h_0(δ)/h_0(0)|/δ = l0.
    const T l0 = la + lb - lm - l1 + k_log(y), t0 = delta * l0;
    const T ratio_m1 = sa * sb > (T)0 ? (t0 == (T)0 ? l0 : k_exp_m1(t0) / delta) : (-k_exp(t0) - (T)1) / delta;
    // u_k = h_k(0) and q_k = (h_k(δ) − h_k(0))/δ over Γ(a + m)Γ(b + m).
    T u = k_hyp2f1_rgamma((T)1 + m) * k_hyp2f1_rgamma((T)1 - delta);
    T q = u * ratio_m1;
    const T n0 = fmax(fmax(-am, -bm), (T)0);
    T s = 0, yk = 1, k = 0;
#pragma unroll 1
    for (;;) {
        if (k >= (T)K_HYP2F1_MAX_TERMS) return k_special(y, true);
        s += yk * q;
        if (k > n0 && yk * (fabs(q) + fabs(u)) <= eps * fabs(s)) break;
        const T aa = am + k, bb = bm + k, mm = (T)1 + m + k, kk = (T)1 + k;
        const T r_delta = (aa + delta) * (bb + delta) / ((mm + delta) * kk);
        const T r0 = aa * bb / (mm * (kk - delta));
        const T dr = ((aa + bb) * mm * kk - aa * bb * (mm + kk) + delta * (mm * kk - (aa + bb) * mm) - delta * delta * mm) /
                     (mm * (mm + delta) * kk * (kk - delta));
        q = q * r_delta + u * dr;
        u *= r0;
        yk *= y;
        k += (T)1;
    }
    const T pd = (T)3.14159265358979311600e+00 * delta;
    T sn, cs;
    k_sincos(pd, &sn, &cs);
    const T pi_over_sin = delta == (T)0 ? (T)1 : pd / sn;
    const T sign = fmod(m, (T)2) == (T)0 ? (T)-1 : (T)1;
    const T scale = sa * k_exp(-delta * la) * sb * k_exp(-delta * lb);
    return finite + sign * k_hyp2f1_gamma(c) * k_hyp2f1_rgamma(a) * k_hyp2f1_rgamma(b) * scale * pi_over_sin * k_pow(y, m) * s;
}
// F at 0 < w < 1, y = 1 − w, c not a pole, as f and e: F = y^e·f, e = 0 or (Euler's form)
// c − a − b.
template <typename T> __device__ T k_hyp2f1_positive(T a, T b, T c, T w, T y, T& e) {
    const T d = c - a - b;
    // A polynomial: a or b ends the series, or (Euler, DLMF 15.8.1: (1 − w)^(c−a−b)
    // F(c − a, c − b; c; w)) c − a or c − b does; the first of them that is.
    const bool euler = !k_hyp2f1_npi(a) && !k_hyp2f1_npi(b);
    e = (T)0;
    if (!euler || k_hyp2f1_npi(c - a) || k_hyp2f1_npi(c - b)) {
        const T p = euler ? c - a : a, q = euler ? c - b : b;
        const bool first = k_hyp2f1_npi(p);
        if (euler) e = d;
        return k_hyp2f1_poly_pos(first ? p : q, first ? q : p, c, w, y).s;
    }
    if (y >= (T)K_HYP2F1_DIRECT_NEAR_ONE) {
        const Hyp2f1Sum<T> r = k_hyp2f1_series(a, b, c, w);
        if (r.loss <= (T)K_HYP2F1_LOSS_OK) return r.s;
        if (w <= (T)K_HYP2F1_DIRECT_BELOW) {
            const Hyp2f1Sum<T> r2 = k_hyp2f1_series(c - a, c - b, c, w);
            if (r2.loss < r.loss) {
                e = d;
                return r2.s;
            }
            return r.s;
        }
    }
    // Near 1, the form whose c − a − b is not negative.
    if (d < (T)0) e = d;
    return d < (T)0 ? k_hyp2f1_near_one(c - a, c - b, c, y) : k_hyp2f1_near_one(a, b, c, y);
}
// F(a, b; c; x) (SciPy's hyp2f1): NaN for x > 1 (the function is complex there; SciPy: +∞)
// but for polynomials, for x = ±∞ and for a NaN; +∞ for c a non-positive integer that a or
// b does not cut off first, and at x = 1 where c − a − b ≤ 0.
template <typename T> __device__ T k_hyp2f1(T a, T b, T c, T x) {
    const T inf = k_special(x, false), nan = k_special(x, true);
    if (a != a || b != b || c != c || x != x) return nan;
    if (x == (T)0) return (T)1;
    if (k_hyp2f1_npi(a) || k_hyp2f1_npi(b)) {
        // The shorter polynomial: the larger of the two cut-offs.
        const bool first = k_hyp2f1_npi(a) && (!k_hyp2f1_npi(b) || a >= b);
        const T m = first ? a : b;
        if (!(k_hyp2f1_npi(c) && c > m)) return isfinite(x) ? k_hyp2f1_polynomial(m, first ? b : a, c, x) : nan;
    }
    if (k_hyp2f1_npi(c)) return inf;
    if (x > (T)1 || x == -inf) return nan;
    const T d = c - a - b;
    if (x == (T)1) {
        // Gauss's sum.
        if (d <= (T)0) return inf;
        return k_hyp2f1_gauss_ratio(a, b, c);
    }
    T e;
    if (x < (T)0) {
        if (x >= (T)-0.5) {
            const Hyp2f1Sum<T> r = k_hyp2f1_series(a, b, c, x);
            if (r.loss <= (T)K_HYP2F1_LOSS_OK) return r.s;
        }
        // Pfaff (DLMF 15.8.1): (1 − x)^−a F(a, c − b; c; x/(x − 1)), 1 − w exact as 1/(1 − x);
        // Euler's factor (1 − w)^e joins Pfaff's, (1 − x)^−(a + e) (the other Pfaff form),
        // which does not overflow where the two would.
        const T y = (T)1 / ((T)1 - x);
        const T f = k_hyp2f1_positive(a, c - b, c, -x * y, y, e);
        return k_pow((T)1 - x, -a - e) * f;
    }
    const T y = (T)1 - x;
    const T f = k_hyp2f1_positive(a, b, c, x, y, e);
    return e == (T)0 ? f : k_pow(y, e) * f;
}
// Wright's generalized Bessel function Φ(a, b; x) = Σ xᵏ/(k!·Γ(ak + b)) and its logarithm
// (SciPy's wright_bessel and log_wright_bessel; CUDA has neither) for a, b, x ≥ 0, summed
// from its largest term outward: the steps of src/backend/cpu/wright.rs, whose comments
// say why; src/ops/wright.rs describes the method. The CPU works in f64 only; here f32
// works in f32, with exp's own bound (k_wb_exp_max).
constexpr double K_WB_Z0 = 10.0;  // Stirling's series (k_stirling_series) serves from here
constexpr double K_WB_TAIL = 1e-18;  // a term below this fraction of the sum ends its direction
constexpr double K_WB_WIDE = 12.0;   // from this width σ of the peak on, a grid of step σ/3
constexpr double K_WB_LAPLACE = 1e5;  // from this width on, Laplace's σ·√(2π)
constexpr int K_WB_MAX_STEPS = 2000;  // terms and walk steps past which the value is NaN
// exp overflows past this (the CPU's EXP_MAX, 708 for f64).
template <typename T> __device__ __forceinline__ T k_wb_exp_max() { return sizeof(T) == 4 ? (T)87 : (T)708; }
// t(c + d)/t(c) for t(k) = xᵏ/(Γ(k + 1)·Γ(ak + b)) (the CPU's term_ratio): between
// neighbours (near, d = ±1) x/(c + 1) or c/x times Γ(ac + b)/Γ(a(c + d) + b); else e^(d·ln x)
// times that and Γ(c + 1)/Γ(c + d + 1). Each Γ(z)/Γ(s) is the product of s/z while either is
// below 10, then e^−(ln Γ(s) − ln Γ(z)) by Stirling's series; 0 where s is a pole. A call:
// inlined at its uses it doubled the four kernels' PTX and compile time.
template <typename T> __device__ __noinline__ T k_wb_term_ratio(T a, T b, T x, T lnx, T c, T d, bool near) {
    T e = near ? (T)0 : d * lnx;
    T p = near ? (d > (T)0 ? x / (c + (T)1) : c / x) : (T)1;
#pragma unroll 1
    for (int i = near ? 1 : 0; i < 2; ++i) {
        T z = i == 0 ? c + (T)1 : a * c + b;
        T s = i == 0 ? c + d + (T)1 : a * (c + d) + b;
        const T dd = i == 0 ? d : a * d;
        if (dd == (T)0) continue;
        if (s <= (T)0) return (T)0;
#pragma unroll 1
        while (fmin(z, s) < (T)K_WB_Z0) {
            const T q = s / z;
            if (q >= (T)1e-15 && q <= (T)1e15) {
                p *= q;
            } else {
                e += k_log(q);
            }
            if (!(p >= (T)1e-15 && p <= (T)1e15)) {
                e += k_log(p);
                p = (T)1;
            }
            z += (T)1;
            s += (T)1;
        }
        e -= k_stirling_ln_gamma_ratio(z, s, dd);
    }
    return p * k_exp(e);
}
// The largest term's place, roughly: the root of ln(k + 1) + a·ln(ak + b + 1) = ln x by
// Newton's method in u = ln(k + 1) bracketed by bisection; 0 where the terms fall from the
// first (the CPU's peak).
template <typename T> __device__ T k_wb_peak(T a, T b, T lnx) {
    if (a * k_log(b + (T)1) >= lnx) return (T)0;
    T lo = 0, hi = lnx, u = lnx / ((T)1 + a);
#pragma unroll 1
    for (int i = 0; i < 64; ++i) {
        const T em1 = k_exp_m1(u);
        const T inner = a * em1 + b + (T)1;
        const T g = u + a * k_log(inner) - lnx;
        if (g < (T)0) {
            lo = u;
        } else {
            hi = u;
        }
        const T e = em1 + (T)1;
        T next = u - g / ((T)1 + a * a * e / inner);
        if (!(next > lo && next < hi)) next = (T)0.5 * (lo + hi);
        const T moved = fabs(next - u);
        u = next;
        if (moved * e < (T)0.01 || moved <= (T)8 * k_igam_eps<T>() * u) break;
    }
    return k_exp_m1(u);
}
// The centre c, the grid's step h and the sum of the other terms over the centre's, as
// (c, h, rest) (the CPU's sum): the largest term and 1, past K_WB_WIDE the peak and σ/3,
// past K_WB_LAPLACE the peak and Laplace's σ·√(2π); rest NaN past K_WB_MAX_STEPS.
template <typename T> struct WbSum { T c, h, rest; };
template <typename T> __device__ WbSum<T> k_wb_sum(T a, T b, T x) {
    const T lnx = k_log(x);
    const T kh = k_wb_peak(a, b, lnx);
    const T zh = a * kh + b;
    // σ² = 1/(ψ′(k + 1) + a²·ψ′(ak + b)), ψ′(z) ≈ 1/z + 1/(2z²).
    const T sigma = sqrt((T)1 / ((T)1 / (kh + (T)0.5) + a * a * ((T)1 + (T)0.5 / zh) / zh));
    if (sigma >= (T)K_WB_LAPLACE) return {kh, sigma * (T)K_SQRT_2PI, (T)0};
    const T nan = k_special(a, true);
    int steps = 0;
    T c, h;
    if (sigma >= (T)K_WB_WIDE) {
        c = kh;
        h = sigma / (T)3;
    } else {
        // Up while the terms rise, or else down while they rise that way.
        c = fmax(floor(kh + (T)0.5), b == (T)0 ? (T)1 : (T)0);
        h = 1;
        T probe = 1;
#pragma unroll 1
        for (;;) {
            if (probe < (T)0 && !(c >= (T)1 && a * (c - (T)1) + b > (T)0)) break;
            if (++steps > K_WB_MAX_STEPS) return {c, h, nan};
            if (k_wb_term_ratio(a, b, x, lnx, c, probe, true) > (T)1) {
                c += probe;
            } else if (probe > (T)0) {
                probe = (T)-1;
            } else {
                break;
            }
        }
    }
    // On the grid each term from the centre's; on the integers each from the one before.
    const bool grid = h > (T)1;
    T rest = 0;
#pragma unroll 1
    for (int i = 0; i < 2; ++i) {
        const T dir = i == 0 ? (T)1 : (T)-1;
        T j = 1, prev = h;
#pragma unroll 1
        for (;;) {
            const T d = dir * j * h;
            if (c + d < (T)0 || a * (c + d) + b <= (T)0) break;
            const T t = grid ? k_wb_term_ratio(a, b, x, lnx, c, d, false) * h
                             : prev * k_wb_term_ratio(a, b, x, lnx, c + d - dir, dir, true);
            prev = t;
            rest += t;
            if (++steps > K_WB_MAX_STEPS) return {c, h, nan};
            if (t < (T)K_WB_TAIL * (h + rest)) break;
            j += (T)1;
        }
    }
    return {c, h, rest};
}
// The centre term t(c)·e^extra as e^(hi + lo)·f, f a factor for the value and a term of
// the exponent for `log` (the CPU's centre_term): Stirling's formula for the ln Γ of
// arguments past 10, its large parts merged into c·ln q, q = x/((c + 1)·zᵃ), and
// extra + (c + 1) + z kept exactly; below 10, qᶜ/c! and 1/Γ(z) (their logarithms for log).
template <typename T> struct WbCentre { T hi, lo, f; };
template <typename T> __device__ __noinline__ WbCentre<T> k_wb_centre_term(T a, T b, T x, T c, T extra, bool log) {
    const T z = c == (T)0 ? b : a * c + b;
    const T w = c + (T)1;
    T q = x, small = 0, m = 1, big = extra, lo = 0;
    if (w >= (T)K_WB_Z0) {
        q /= w;
        big = k_two_sum(big, w, lo);
        small -= (T)0.5 * k_log(w) + (T)K_HALF_LN_2PI + k_stirling_series(w);
    } else {
#pragma unroll 1
        for (T i = 2; i <= c; i += (T)1) m /= i;
    }
    if (z >= (T)K_WB_Z0) {
        const T lnz = k_log(z);
        if (c > (T)0) {
            // zᵃ past the range: q from logarithms (x/(c + 1) is in q already).
            const T za = k_pow(z, a);
            q = isfinite(za) ? q / za : k_exp(k_log(q) - a * lnz);
        }
        small -= (b - (T)0.5) * lnz + (T)K_HALF_LN_2PI + k_stirling_series(z);
        T e;
        big = k_two_sum(big, z, e);
        lo += e;
    }
    T ln_m = log ? k_log(m) : (T)0;
    if (z < (T)K_WB_Z0) {
        if (log) {
            ln_m -= k_ln_gamma(z);
        } else {
            m /= k_gamma(z);
        }
    }
    if (c > (T)0) {
        if (w >= (T)K_WB_Z0) {
            small += c * k_log(q);
        } else if (log) {
            ln_m += c * k_log(q);
        } else {
            m *= k_pow(q, c);
        }
    }
    T e;
    const T hi = k_two_sum(big, small, e);
    return {hi, lo + e, log ? ln_m : m};
}
// Φ(a, b; x), or ln Φ for `log` (the CPU's wright_bessel): NaN for a NaN or a negative
// argument and past K_WB_MAX_STEPS; at a = +∞ the first term 1/Γ(b) (NaN with x = +∞), at
// b = +∞ 0, at x = +∞ +∞. x = 0 and a = +∞ are the centre term at c = 0 alone, a = 0 is
// e^x/Γ(b).
template <typename T> __device__ T k_wright_bessel(T a, T b, T x, bool log) {
    const T inf = k_special(a, false), nan = k_special(a, true);
    if (!(a >= (T)0 && b >= (T)0 && x >= (T)0) || (a == inf && x == inf)) return nan;
    if (b == inf || (b == (T)0 && (x == (T)0 || a == (T)0))) return log ? -inf : (T)0;
    if (x == inf) return inf;
    WbSum<T> s = {(T)0, (T)1, (T)0};
    T extra = 0;
    if (a == (T)0) {
        extra = x;
    } else if (x > (T)0 && a < inf) {
        s = k_wb_sum(a, b, x);
    }
    if (isnan(s.rest)) return s.rest;
    const WbCentre<T> t = k_wb_centre_term(a, b, x, s.c, extra, log);
    if (log) return t.hi + (t.lo + t.f + k_log(s.h) + k_ln_1p(s.rest / s.h));
    const T scale = s.h + s.rest;
    if (fabs(t.hi) > k_wb_exp_max<T>()) return k_exp(t.hi + (t.lo + k_log(t.f) + k_log(scale)));
    return k_exp(t.hi) * t.f * (scale + scale * t.lo);
}
// F(φ | m), or E(φ | m) when second (SciPy's ellipkinc, ellipeinc; CUDA has neither):
// src/backend/cpu/carlson.rs. φ = nπ + r, 2n·K(m) or 2n·E(m) and r's part in Carlson's
// forms, each a sum of terms of one sign; for m > 1 NaN where the integral is not real.
template <typename T> __device__ T k_ellipinc(T phi, T m, bool second) {
    const T inf = k_special(phi, false), nan = k_special(phi, true);
    if (phi != phi || m != m || m == inf) return nan;
    if (phi == (T)0) return phi;
    if (m == -inf) return second ? copysign(inf, phi) : copysign((T)0, phi);
    if (isinf(phi)) return m <= (T)1 ? phi : nan;
    // Carlson's forms hold for cos r ≥ 0: where n's rounding left r past ±π/2, the next n.
    T n = floor(phi / (T)3.141592653589793 + (T)0.5), r = k_reduce_pi(phi, n), c = cos(r);
    if (c < (T)0) {
        n += r > (T)0 ? (T)1 : (T)-1;
        r = k_reduce_pi(phi, n);
        c = cos(r);
    }
    const T s = sin(r), p = (T)1 - m, c2 = c * c, d2 = c2 + p * s * s;
    if (m > (T)1 && (n != (T)0 || d2 < (T)0)) return nan;
    if (!second) return s * k_carlson_rf(c2, d2, (T)1) + (n != (T)0 ? (T)2 * n * k_ellipkm1(p) : (T)0);
    T part = s;
    if (p != (T)0) {
        if (m < (T)0) {
            part = s * k_carlson_rf(c2, d2, (T)1) - m / (T)3 * s * s * s * k_carlson_rd(c2, d2, (T)1);
        } else if (m <= (T)1) {
            part = p * s * k_carlson_rf(c2, d2, (T)1) + m * p / (T)3 * s * s * s * k_carlson_rd(c2, (T)1, d2) +
                   m * s * c / sqrt(d2);
        } else {
            part = -p / (T)3 * s * s * s * k_carlson_rd(d2, (T)1, c2) + s * sqrt(d2) / c;
        }
    }
    return part + (n != (T)0 ? (T)2 * n * k_ellipe(m) : (T)0);
}
// Spence's function Li₂(1 − x) (SciPy's spence; CUDA has none): src/backend/cpu/special.rs'
// spence, the Bernoulli series of Li₂ with its argument reduced from x itself.
__device__ const double K_LI2_SERIES[9] = {0.027777777777777776, -0.0002777777777777778, 4.72411186696901e-06, -9.185773074661964e-08, 1.8978869988971e-09, -4.0647616451442256e-11, 8.921691020456452e-13, -1.9939295860721074e-14, 4.518980029619918e-16};
template <typename T> __device__ T k_li2_series(T u) {
    const T z = u * u;
    T s = (T)K_LI2_SERIES[8];
#pragma unroll
    for (int i = 7; i >= 0; --i) s = s * z + (T)K_LI2_SERIES[i];
    return u - (T)0.25 * u * u + u * z * s;
}
template <typename T> __device__ T k_spence(T x) {
    const T pi2_6 = (T)1.6449340668482264;
    if (x != x || x < (T)0) return k_special(x, true);
    if (x == (T)0) return pi2_6;
    if (isinf(x)) return -k_special(x, false);
    if (x < (T)0.5) {
        const T l1 = log1p(-x);
        return pi2_6 - (x < (T)1e-30 ? (T)0 : log(x) * l1) - k_li2_series(-l1);
    }
    if (x <= (T)2) return k_li2_series(-log(x));
    const T lx = log(x), l1 = log1p((T)-1 / x);
    return (T)-0.5 * lx * lx - (pi2_6 + lx * l1 - k_li2_series(-l1));
}
// i0e, i1e (e^−|x|·I0, e^−|x|·I1; CUDA has neither): the CPU backend's Chebyshev series
// (src/backend/cpu/special.rs: NumPy's I0 tables, mpmath's for I1 above 8, I1's power
// series below); i1 is CUDA's cyl_bessel_i1.
__device__ const double K_I0_A[30] = {-4.4153416464793395e-18, 3.3307945188222384e-17, -2.431279846547955e-16, 1.715391285555133e-15, -1.1685332877993451e-14, 7.676185498604936e-14, -4.856446783111929e-13, 2.95505266312964e-12, -1.726826291441556e-11, 9.675809035373237e-11, -5.189795601635263e-10, 2.6598237246823866e-09, -1.300025009986248e-08, 6.046995022541919e-08, -2.670793853940612e-07, 1.1173875391201037e-06, -4.4167383584587505e-06, 1.6448448070728896e-05, -5.754195010082104e-05, 0.00018850288509584165, -0.0005763755745385824, 0.0016394756169413357, -0.004324309995050576, 0.010546460394594998, -0.02373741480589947, 0.04930528423967071, -0.09490109704804764, 0.17162090152220877, -0.3046826723431984, 0.6767952744094761};
__device__ const double K_I0_B[25] = {-7.233180487874754e-18, -4.830504485944182e-18, 4.46562142029676e-17, 3.461222867697461e-17, -2.8276239805165836e-16, -3.425485619677219e-16, 1.7725601330565263e-15, 3.8116806693526224e-15, -9.554846698828307e-15, -4.150569347287222e-14, 1.54008621752141e-14, 3.8527783827421426e-13, 7.180124451383666e-13, -1.7941785315068062e-12, -1.3215811840447713e-11, -3.1499165279632416e-11, 1.1889147107846439e-11, 4.94060238822497e-10, 3.3962320257083865e-09, 2.266668990498178e-08, 2.0489185894690638e-07, 2.8913705208347567e-06, 6.889758346916825e-05, 0.0033691164782556943, 0.8044904110141088};
__device__ const double K_I1_SERIES[23] = {1.0650710926275618e-17, 3.368287330434664e-16, 9.725929666630093e-15, 2.5530565374903993e-13, 6.0635092765396984e-12, 1.2960751078603606e-10, 2.4787436437829395e-09, 4.2138641944309975e-08, 6.320796291646496e-07, 8.296045132786026e-06, 9.436751338544105e-05, 0.0009200832555080502, 0.007590686857941414, 0.05218597214834722, 0.29354609333445314, 1.3209574200050391, 4.623350970017636, 12.136296296296296, 22.755555555555556, 28.444444444444443, 21.333333333333332, 8.0, 1.0};
__device__ const double K_I1_B[27] = {-1.242193275194891e-18, -9.314178867326884e-19, 7.517296310842105e-18, 4.414348323071708e-18, -4.6503053684893586e-17, -3.209525921993424e-17, 2.96262899764595e-16, 3.3082023109209285e-16, -1.8803547755107825e-15, -3.8144030724370075e-15, 1.0420276984128802e-14, 4.272440016711951e-14, -2.1015418427726643e-14, -4.0835511110921974e-13, -7.198551776245908e-13, 2.0356285441470896e-12, 1.4125807436613782e-11, 3.2526035830154884e-11, -1.8974958123505413e-11, -5.589743462196584e-10, -3.835380385964237e-09, -2.6314688468895196e-08, -2.512236237870209e-07, -3.882564808877691e-06, -0.00011058893876262371, -0.009761097491361469, 0.7785762350182801};
template <typename T, int N> __device__ __forceinline__ T k_chbevl(T x, const double (&c)[N]) {
    T b0 = (T)c[0], b1 = 0, b2 = 0;
#pragma unroll
    for (int i = 1; i < N; ++i) {
        b2 = b1;
        b1 = b0;
        b0 = x * b1 - b2 + (T)c[i];
    }
    return (T)0.5 * (b0 - b2);
}
template <typename T> __device__ T k_i0e(T x) {
    const T a = fabs(x);
    if (a <= (T)8) return k_chbevl((T)0.5 * a - (T)2, K_I0_A);
    return k_chbevl((T)32 / a - (T)2, K_I0_B) / sqrt(a);
}
template <typename T> __device__ T k_i1e(T x) {
    const T a = fabs(x);
    const T z = a <= (T)8 ? exp(-a) * ((T)0.5 * a * k_horner(K_I1_SERIES, a * a / (T)64))
                          : k_chbevl((T)32 / a - (T)2, K_I1_B) / sqrt(a);
    return copysign(z, x);
}
__device__ __forceinline__ float k_i1(float x) { return cyl_bessel_i1f(x); }
__device__ __forceinline__ double k_i1(double x) { return cyl_bessel_i1(x); }
// K0, K1, e^x·K0, e^x·K1 (SciPy's k0, k1, k0e, k1e; CUDA has none): the CPU backend's
// series and Chebyshev tables (src/backend/cpu/besselk.rs, scripts/besselk-coefficients.py).
__device__ const double K_BESSELK_K0_I[11] = {7.594058428126623e-14, 7.594058428126624e-12, 6.151187326782565e-10, 3.936759889140842e-08, 1.9290123456790124e-06, 6.944444444444444e-05, 0.001736111111111111, 0.027777777777777776, 0.25, 1.0, 1.0};
__device__ const double K_BESSELK_K0_H[11] = {2.224275605476294e-13, 2.1483350211950277e-11, 1.6718048413148328e-09, 1.0207455998272325e-07, 4.72608024691358e-06, 0.0001585648148148148, 0.003616898148148148, 0.05092592592592592, 0.375, 1.0, 0.0};
__device__ const double K_BESSELK_K1_I[11] = {6.903689480115112e-15, 7.594058428126623e-13, 6.834652585313961e-11, 4.920949861426052e-09, 2.755731922398589e-07, 1.1574074074074073e-05, 0.00034722222222222224, 0.006944444444444444, 0.08333333333333333, 0.5, 1.0};
__device__ const double K_BESSELK_K1_H[11] = {4.106898277957945e-14, 4.3726106266713215e-12, 3.791062453869784e-10, 2.613375872835907e-08, 1.3896762408667172e-06, 5.4783950617283953e-05, 0.0015162037037037036, 0.027199074074074073, 0.2777777777777778, 1.25, 1.0};
__device__ const double K_BESSELK_K0_B[35] = {1.9525118377024673e-18, -4.34951976353995e-18, 9.772081357930103e-18, -2.2150879127142777e-17, 5.067869397943651e-17, -1.1707837700385623e-16, 2.7324144482527955e-16, -6.445464362724762e-16, 1.537582290719742e-15, -3.711589997838162e-15, 9.072046991627365e-15, -2.2469288334596896e-14, 5.6436532735816866e-14, -1.4388149744180521e-13, 3.72695818784577e-13, -9.819576891759296e-13, 2.6349075982806445e-12, -7.210940065346495e-12, 2.0159542597761383e-11, -5.7683063818637606e-11, 1.6929517419961088e-10, -5.10958325791419e-10, 1.5907351467912106e-09, -5.1272057810909205e-09, 1.7186668629418083e-08, -6.025216756376064e-08, 2.225046272255236e-07, -8.737284518980525e-07, 3.695146089045472e-06, -1.7138726856421186e-05, 8.959565555755952e-05, -0.0005521270349863234, 0.004362000068251702, -0.053855323307629495, 2.388866152433477};
__device__ const double K_BESSELK_K1_B[35] = {-2.112162909517424e-18, 4.712904181351028e-18, -1.0606842599775882e-17, 2.4087033253210357e-17, -5.521491188037577e-17, 1.2781913900252082e-16, -2.9895680121763374e-16, 7.068360792264328e-16, -1.690331071434488e-15, 4.091059996919741e-15, -1.002779686252293e-14, 2.4911830875182032e-14, -6.277632672531289e-14, 1.6061141914625803e-13, -4.1763277431648047e-13, 1.1049772078983365e-12, -2.9786645069974164e-12, 8.193082518369976e-12, -2.3034250700407756e-11, 6.632273899864202e-11, -1.96028004074301e-10, 5.963886884453419e-10, -1.873778917957349e-09, 6.103966549420336e-09, -2.0717892129028323e-08, 7.37247184977708e-08, -2.772707643805077e-07, 1.1139969511197356e-06, -4.853489413610226e-06, 2.3441638979785087e-05, -0.000129995769583983, 0.0008815363164514389, -0.008406706460495654, 0.19051350202061165, 2.906551335187683};
template <typename T> __device__ __forceinline__ T k_ln_half_euler(T x) {
    return (k_log(x) - (T)0.11593151565841245) - (T)3.7780767526472776e-19;
}
template <typename T> __device__ T k_k0_series(T x) {
    const T t = (T)0.25 * x * x;
    return k_horner(K_BESSELK_K0_H, t) - k_ln_half_euler(x) * k_horner(K_BESSELK_K0_I, t);
}
template <typename T> __device__ T k_k1_series(T x) {
    const T t = (T)0.25 * x * x;
    return (T)1 / x + k_ln_half_euler(x) * ((T)0.5 * x * k_horner(K_BESSELK_K1_I, t)) -
           (T)0.25 * x * k_horner(K_BESSELK_K1_H, t);
}
template <typename T> __device__ T k_besselk_scale_down(T x, T c) {
    const bool big = x > (sizeof(T) == 4 ? (T)87 : (T)708);  // e^−x subnormal: in halves
    const T h = exp(big ? (T)-0.5 * x : -x);
    return h * (c / sqrt(x)) * (big ? h : (T)1);
}
// K0 or K1 (one), or e^x·K (scaled): NaN for x < 0, +∞ at 0, 0 at +∞.
template <typename T> __device__ __forceinline__ T k_besselk(T x, bool one, bool scaled) {
    if (x != x || x < (T)0) return k_special(x, true);
    if (x == (T)0) return k_special(x, false);
    if (x <= (T)1) {
        const T k = one ? k_k1_series(x) : k_k0_series(x);
        return scaled ? exp(x) * k : k;
    }
    if (isinf(x)) return (T)0;
    const T c = one ? k_chbevl((T)4 / x - (T)2, K_BESSELK_K1_B) : k_chbevl((T)4 / x - (T)2, K_BESSELK_K0_B);
    return scaled ? c / sqrt(x) : k_besselk_scale_down(x, c);
}
template <typename T> __device__ T k_k0(T x) { return k_besselk(x, false, false); }
template <typename T> __device__ T k_k0e(T x) { return k_besselk(x, false, true); }
template <typename T> __device__ T k_k1(T x) { return k_besselk(x, true, false); }
template <typename T> __device__ T k_k1e(T x) { return k_besselk(x, true, true); }
// J0, J1, Y0, Y1 (SciPy's j0, j1, y0, y1): FreeBSD msun's e_j0.c and e_j1.c, as the CPU
// backend (the libm crate) and shaders/besselj_math.wgsl; CUDA's own j0/j1/y0/y1 are
// documented only to absolute errors. The coefficients are msun's:
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================
// R/S with R = r0 + r1·z + … + r5·z^5 and S = 1 + s0·z + … + s5·z^6 (s5 = 0 for P).
template <typename T>
__device__ __forceinline__ T k_besselj_ratio(T z, T r0, T r1, T r2, T r3, T r4, T r5, T s0, T s1, T s2, T s3, T s4, T s5) {
    const T r = r0 + z * (r1 + z * (r2 + z * (r3 + z * (r4 + z * r5))));
    const T s = (T)1 + z * (s0 + z * (s1 + z * (s2 + z * (s3 + z * (s4 + z * s5)))));
    return r / s;
}
template <typename T> __device__ T k_besselj_pzero(T x) {
    const T z = (T)1 / (x * x);
    T r;
    if (x >= (T)8) r = k_besselj_ratio<T>(z, 0.0, -0.07031249999999004, -8.081670412753498, -257.06310567970485, -2485.216410094288, -5253.043804907295, 116.53436461966818, 3833.7447536412183, 40597.857264847255, 116752.97256437592, 47627.728414673096, 0.0);
    else if (x >= (T)4.545452117919922) r = k_besselj_ratio<T>(z, -1.141254646918945e-11, -0.07031249408735993, -4.159610644705878, -67.67476522651673, -331.23129964917297, -346.4333883656049, 60.753938269230034, 1051.2523059570458, 5978.970943338558, 9625.445143577745, 2406.058159229391, 0.0);
    else if (x >= (T)2.8571414947509766) r = k_besselj_ratio<T>(z, -2.547046017719519e-09, -0.07031196163814817, -2.409032215495296, -21.96597747348831, -58.07917047017376, -31.44794705948885, 35.85603380552097, 361.51398305030386, 1193.6078379211153, 1127.9967985690741, 173.58093081333575, 0.0);
    else r = k_besselj_ratio<T>(z, -8.875343330325264e-08, -0.07030309954836247, -1.4507384678095299, -7.635696138235278, -11.193166886035675, -3.2336457935133534, 22.22029975320888, 136.2067942182152, 270.4702786580835, 153.87539420832033, 14.65761769482562, 0.0);
    return (T)1 + r;
}
template <typename T> __device__ T k_besselj_qzero(T x) {
    const T z = (T)1 / (x * x);
    T r;
    if (x >= (T)8) r = k_besselj_ratio<T>(z, 0.0, 0.0732421874999935, 11.76820646822527, 557.6733802564019, 8859.197207564686, 37014.62677768878, 163.77602689568982, 8098.344946564498, 142538.29141912048, 803309.2571195144, 840501.5798190605, -343899.2935378666);
    else if (x >= (T)4.545452117919922) r = k_besselj_ratio<T>(z, 1.8408596359451553e-11, 0.07324217666126848, 5.8356350896205695, 135.11157728644983, 1027.243765961641, 1989.9778586460538, 82.77661022365378, 2077.81416421393, 18847.28877857181, 56751.11228949473, 35976.75384251145, -5354.342756019448);
    else if (x >= (T)2.8571414947509766) r = k_besselj_ratio<T>(z, 4.377410140897386e-09, 0.07324111800429114, 3.344231375161707, 42.621844074541265, 170.8080913405656, 166.73394869665117, 48.75887297245872, 709.689221056606, 3704.1482262011136, 6460.425167525689, 2516.3336892036896, -149.2474518361564);
    else r = k_besselj_ratio<T>(z, 1.5044444488698327e-07, 0.07322342659630793, 1.99819174093816, 14.495602934788574, 31.666231750478154, 16.252707571092927, 30.36558483552192, 269.34811860804984, 844.7837575953201, 882.9358451124886, 212.66638851179883, -5.3109549388266695);
    return ((T)-0.125 + r) / x;
}
template <typename T> __device__ T k_besselj_pone(T x) {
    const T z = (T)1 / (x * x);
    T r;
    if (x >= (T)8) r = k_besselj_ratio<T>(z, 0.0, 0.11718749999998865, 13.239480659307358, 412.05185430737856, 3874.7453891396053, 7914.479540318917, 114.20737037567841, 3650.9308342085346, 36956.206026903346, 97602.79359349508, 30804.27206278888, 0.0);
    else if (x >= (T)4.545452117919922) r = k_besselj_ratio<T>(z, 1.3199051955624352e-11, 0.1171874931906141, 6.802751278684329, 108.30818299018911, 517.6361395331998, 528.7152013633375, 59.28059872211313, 991.4014187336144, 5353.26695291488, 7844.690317495512, 1504.0468881036106, 0.0);
    else if (x >= (T)2.8571414947509766) r = k_besselj_ratio<T>(z, 3.025039161373736e-09, 0.11718686556725359, 3.9329775003331564, 35.11940355916369, 91.05501107507813, 48.55906851973649, 34.79130950012515, 336.76245874782575, 1046.8713997577513, 890.8113463982564, 103.78793243963928, 0.0);
    else r = k_besselj_ratio<T>(z, 1.0771083010687374e-07, 0.11717621946268335, 2.368514966676088, 12.242610914826123, 17.693971127168773, 5.073523125888185, 21.43648593638214, 125.29022716840275, 232.2764690571628, 117.6793732871471, 8.364638933716183, 0.0);
    return (T)1 + r;
}
template <typename T> __device__ T k_besselj_qone(T x) {
    const T z = (T)1 / (x * x);
    T r;
    if (x >= (T)8) r = k_besselj_ratio<T>(z, 0.0, -0.10253906249999271, -16.271753454459, -759.6017225139501, -11849.806670242959, -48438.512428575035, 161.3953697007229, 7825.385999233485, 133875.33628724958, 719657.7236832409, 666601.2326177764, -294490.26430383464);
    else if (x >= (T)4.545452117919922) r = k_besselj_ratio<T>(z, -2.089799311417641e-11, -0.10253905024137543, -8.05644828123936, -183.66960747488838, -1373.1937606550816, -2612.4444045321566, 81.27655013843358, 1991.7987346048596, 17468.48519249089, 49851.42709103523, 27948.075163891812, -4719.183547951285);
    else if (x >= (T)2.8571414947509766) r = k_besselj_ratio<T>(z, -5.078312264617666e-09, -0.10253782982083709, -4.610115811394734, -57.847221656278364, -228.2445407376317, -219.21012847890933, 47.66515503237295, 673.8651126766997, 3380.1528667952634, 5547.729097207228, 1903.119193388108, -135.20119144430734);
    else r = k_besselj_ratio<T>(z, -1.7838172751095887e-07, -0.10251704260798555, -2.7522056827818746, -19.663616264370372, -42.32531333728305, -21.371921170370406, 29.533362906052385, 252.98154998219053, 757.5028348686454, 739.3932053204672, 155.94900333666612, -4.959498988226282);
    return ((T)0.375 + r) / x;
}
// √(2/(πx))·(P·cos χ − Q·sin χ) (J0) or ·(P·sin χ + Q·cos χ) (Y0, `y`), χ = x − π/4, x ≥ 2;
// of (cos x ± sin x)/√2 the one whose terms cancel is −cos 2x over the other.
template <typename T> __device__ T k_besselj_common0(T x, bool y) {
    const T s = k_sin(x), c = y ? -k_cos(x) : k_cos(x);
    T cc = s + c;
    if (x <= (sizeof(T) == 4 ? (T)1.7014117e38f : (T)8.98846567431158e307)) {
        T ss = s - c;
        const T z = -k_cos((T)2 * x);
        if (s * c < (T)0) cc = z / ss; else ss = z / cc;
        cc = k_besselj_pzero(x) * cc - k_besselj_qzero(x) * (y ? -ss : ss);
    }
    return (T)0.5641895835477563 * cc / k_sqrt(x);
}
// The same for J1 and Y1 (`y`), χ = x − 3π/4; `neg` negates J1 (x < 0).
template <typename T> __device__ T k_besselj_common1(T x, bool y, bool neg) {
    const T s = y ? -k_sin(x) : k_sin(x), c = k_cos(x);
    T cc = s - c;
    if (x <= (sizeof(T) == 4 ? (T)1.7014117e38f : (T)8.98846567431158e307)) {
        T ss = -s - c;
        const T z = k_cos((T)2 * x);
        if (s * c > (T)0) cc = z / ss; else ss = z / cc;
        cc = k_besselj_pone(x) * cc - k_besselj_qone(x) * (y ? -ss : ss);
    }
    return (T)0.5641895835477563 * (neg ? -cc : cc) / k_sqrt(x);
}
template <typename T> __device__ T k_j0(T x) {
    if (x != x) return x;
    const T ax = fabs(x);
    if (isinf(ax)) return (T)0;
    if (ax >= (T)2) return k_besselj_common0(ax, false);
    if (ax >= (T)0.0001220703125) {
        const T z = ax * ax;
        const T r = z * ((T)0.015624999999999995 + z * ((T)-0.00018997929423885472 + z * ((T)1.8295404953270067e-06 + z * (T)-4.618326885321032e-09)));
        const T s = (T)1 + z * ((T)0.015619102946489001 + z * ((T)0.00011692678466333745 + z * ((T)5.135465502073181e-07 + z * (T)1.1661400333379e-09)));
        return ((T)1 + (T)0.5 * ax) * ((T)1 - (T)0.5 * ax) + z * (r / s);
    }
    return (T)1 - (T)0.25 * ax * ax;
}
template <typename T> __device__ T k_y0(T x) {
    if (x != x || x < (T)0) return k_special(x, true);
    if (x == (T)0) return -k_special(x, false);
    if (isinf(x)) return (T)0;
    if (x >= (T)2) return k_besselj_common0(x, true);
    if (x >= (T)7.450580596923828e-09) {
        const T z = x * x;
        const T u = (T)-0.07380429510868723 + z * ((T)0.17666645250918112 + z * ((T)-0.01381856719455969 + z * ((T)0.00034745343209368365 + z * ((T)-3.8140705372436416e-06 + z * ((T)1.9559013703502292e-08 + z * (T)-3.982051941321034e-11)))));
        const T v = (T)1 + z * ((T)0.01273048348341237 + z * ((T)7.600686273503533e-05 + z * ((T)2.591508518404578e-07 + z * (T)4.4111031133267547e-10)));
        return u / v + (T)0.6366197723675814 * (k_j0(x) * k_log(x));
    }
    return (T)-0.07380429510868723 + (T)0.6366197723675814 * k_log(x);
}
template <typename T> __device__ T k_j1(T x) {
    if (x != x) return x;
    const T ax = fabs(x);
    if (isinf(ax)) return (T)0;
    if (ax >= (T)2) return k_besselj_common1(ax, false, x < (T)0);
    const T z = x * x;
    const T r = z * ((T)-0.0625 + z * ((T)0.001407056669551897 + z * ((T)-1.599556310840356e-05 + z * (T)4.9672799960958445e-08)));
    const T s = (T)1 + z * ((T)0.019153759953836346 + z * ((T)0.00018594678558863092 + z * ((T)1.1771846404262368e-06 + z * ((T)5.0463625707621704e-09 + z * (T)1.2354227442613791e-11))));
    return ((T)0.5 + r / s) * x;
}
template <typename T> __device__ T k_y1(T x) {
    if (x != x || x < (T)0) return k_special(x, true);
    if (x == (T)0) return -k_special(x, false);
    if (isinf(x)) return (T)0;
    if (x >= (T)2) return k_besselj_common1(x, true, false);
    if (x < (T)5.551115123125783e-17) return (T)-0.6366197723675814 / x;
    const T z = x * x;
    const T u = (T)-0.19605709064623894 + z * ((T)0.05044387166398113 + z * ((T)-0.0019125689587576355 + z * ((T)2.352526005616105e-05 + z * (T)-9.190991580398789e-08)));
    const T v = (T)1 + z * ((T)0.01991673182366499 + z * ((T)0.00020255258102513517 + z * ((T)1.3560880109751623e-06 + z * ((T)6.227414523646215e-09 + z * (T)1.6655924620799208e-11))));
    return x * (u / v) + (T)0.6366197723675814 * (k_j1(x) * k_log(x) - (T)1 / x);
}
// The forward recurrence of Y_n and y_n, f_(i+1) = (i + half)·(2/x)·f_i − f_(i−1), from
// (f_0, f_1) to (f_(k−1), f_k) for k ≥ 1, stopping where f overflows
// (src/backend/cpu/besselj.rs' bessel_forward).
template <typename T> __device__ void k_bessel_forward(T& a, T& b, u32 k, T x, T half) {
    const T h = (T)2 / x;
#pragma unroll 1
    for (u32 i = 1u; i < k && !isinf(b); ++i) {
        const T c = ((T)i + half) * h * b - a;
        a = b;
        b = c;
    }
}
// Y_n(x) (SciPy's yn): src/backend/cpu/besselj.rs' yn, n truncated toward zero, the
// forward recurrence from Y0 and Y1 until order n or until Y overflows.
template <typename T> __device__ T k_yn(T n, T x) {
    if (n != n || x != x || x < (T)0 || fabs(n) >= (T)2147483648.0) return k_special(x, true);
    const u32 k = (u32)fabs(n);
    const T sign = (n < (T)0 && (k & 1u)) ? (T)-1 : (T)1;
    if (x == (T)0) return -sign * k_special(x, false);
    if (isinf(x)) return (T)0;
    T a = k_y0(x);
    if (k == 0u) return a;
    T b = k_y1(x);
    k_bessel_forward(a, b, k, x, (T)0);
    return sign * b;
}
// The spherical y_n(x) or its derivative (SciPy's spherical_yn): src/backend/cpu/besselj.rs'
// spherical_yn, y_n(−x) = (−1)^(n+1)·y_n(x) and y_n′(−x) = (−1)^n·y_n′(x).
template <typename T> __device__ T k_spherical_yn(T n, T x0, bool derivative) {
    if (n != n || x0 != x0 || n < (T)0 || n >= (T)2147483648.0) return k_special(x0, true);
    const u32 k = (u32)n;
    const bool odd = (k & 1u) != 0u;
    const T sign = (x0 < (T)0 && derivative == odd) ? (T)-1 : (T)1;
    const T x = fabs(x0);
    if (x == (T)0) return derivative ? k_special(x, false) : -k_special(x, false);
    if (isinf(x)) return (T)0;
    T s, c;
    k_sincos(x, &s, &c);  // one reduction: with two, the f64 kernel spilled 8 B on sm_90
    const T y0 = -c / x;
    const T y1 = (y0 - s) / x;
    if (k == 0u) return sign * (derivative ? -y1 : y0);
    T a = y0, b = y1;
    k_bessel_forward(a, b, k, x, (T)0.5);
    return sign * (derivative ? a - (T)(k + 1u) / x * b : b);
}
// NumPy's sign: -1, 0 or 1; +-0 -> 0 and NaN stays NaN (the comparisons are false).
template <typename T> __device__ __forceinline__ T k_sign(T x) {
    return x > (T)0 ? (T)1 : (x < (T)0 ? (T)-1 : (x == (T)0 ? (T)0 : x));
}
__device__ __forceinline__ u32 k_sign(u32 x) { return x > 0u ? 1u : 0u; }

// ------------------------------------------------------------------ conversions (Rust `as`)
// Floats to integers truncate toward zero and saturate (PTX cvt.rzi clamps); NaN -> 0.
// Anything to bool is `x != 0` (NaN -> true); bool to numbers is 0/1.

template <typename To, typename From> struct Conv;
#define CONV(TO, FROM, EXPR) \
    template <> struct Conv<TO, FROM> { static __device__ __forceinline__ TO f(FROM x) { return EXPR; } };
CONV(float, float, x)
CONV(float, double, __double2float_rn(x))
CONV(float, i32, __int2float_rn(x))
CONV(float, u32, __uint2float_rn(x))
CONV(float, u8, x ? 1.0f : 0.0f)
CONV(double, float, (double)x)
CONV(double, double, x)
CONV(double, i32, (double)x)
CONV(double, u32, (double)x)
CONV(double, u8, x ? 1.0 : 0.0)
CONV(i32, float, k_isnan(x) ? 0 : __float2int_rz(x))
CONV(i32, double, k_isnan(x) ? 0 : __double2int_rz(x))
CONV(i32, i32, x)
CONV(i32, u32, (i32)x)
CONV(i32, u8, x ? 1 : 0)
CONV(u32, float, k_isnan(x) ? 0u : __float2uint_rz(x))
CONV(u32, double, k_isnan(x) ? 0u : __double2uint_rz(x))
CONV(u32, i32, (u32)x)
CONV(u32, u32, x)
CONV(u32, u8, x ? 1u : 0u)
CONV(u8, float, (u8)(x != 0.0f))
CONV(u8, double, (u8)(x != 0.0))
CONV(u8, i32, (u8)(x != 0))
CONV(u8, u32, (u8)(x != 0u))
CONV(u8, u8, (u8)(x != 0))
#undef CONV

// ------------------------------------------------------------------ elementwise drivers
// Tiles of BLOCK * EW_ITEMS elements, coalesced, grid-stride over tiles. On the hot path
// (one dimension after collapsing: contiguous, strided or scalar-broadcast operands)
// each thread stages its EW_ITEMS loads in registers before any store, so several loads
// per thread are in flight even though out may alias an input (in-place ops). Views
// with two or more dimensions take one element at a time with the unravelled offsets.
//
// Ops marked `EW_ONCE` (the special functions: series, continued fractions, root
// finding; thousands of instructions each) take EW_DRIVER_ONCE instead: one element per
// thread per grid step on every layout, so the op is inlined once per kernel, not
// EW_ITEMS + 1 times. They are bound by arithmetic, not memory, so staging loads gains
// them nothing, and the unrolled copies cost NVRTC and ptxas four to five times the
// work (elementwise.cu: see `tests/cuda_kernels.rs` for the compile times) and
// registers.
template <typename F> struct ew_once { static constexpr bool value = false; };

#define EW_DRIVER(NIN, TPARAMS, LOADS, CALL)                                                    \
    const i64 tile = (i64)BLOCK * EW_ITEMS;                                                     \
    if (p.ndim <= 1) {                                                                          \
        i64 st[NIN];                                                                            \
        _Pragma("unroll") for (int k = 0; k < NIN; k++) st[k] = p.ndim == 1 ? p.in[k].strides[0] : 0; \
        for (i64 base = (i64)blockIdx.x * tile; base < p.n; base += (i64)gridDim.x * tile) {    \
            TPARAMS                                                                             \
            _Pragma("unroll") for (int j = 0; j < EW_ITEMS; j++) {                              \
                const i64 i = base + j * BLOCK + threadIdx.x;                                   \
                if (i < p.n) {                                                                  \
                    i64 off[NIN];                                                               \
                    _Pragma("unroll") for (int k = 0; k < NIN; k++) off[k] = p.in[k].offset + i * st[k]; \
                    LOADS                                                                       \
                }                                                                               \
            }                                                                                   \
            _Pragma("unroll") for (int j = 0; j < EW_ITEMS; j++) {                              \
                const i64 i = base + j * BLOCK + threadIdx.x;                                   \
                if (i < p.n) ((O*)p.out)[i] = CALL;                                             \
            }                                                                                   \
        }                                                                                       \
    } else {                                                                                    \
        for (i64 base = (i64)blockIdx.x * tile; base < p.n; base += (i64)gridDim.x * tile) {    \
            _Pragma("unroll 1") for (int jj = 0; jj < EW_ITEMS; jj++) {                         \
                const i64 i = base + jj * BLOCK + threadIdx.x;                                  \
                if (i < p.n) {                                                                  \
                    const int j = 0;                                                            \
                    TPARAMS                                                                     \
                    i64 off[NIN];                                                               \
                    ew_offsets<NIN>(p, (u32)i, off);                                            \
                    LOADS                                                                       \
                    ((O*)p.out)[i] = CALL;                                                      \
                }                                                                               \
            }                                                                                   \
        }                                                                                       \
    }

#define EW_DRIVER_ONCE(NIN, TPARAMS, LOADS, CALL)                                               \
    for (i64 i = (i64)blockIdx.x * BLOCK + threadIdx.x; i < p.n; i += (i64)gridDim.x * BLOCK) { \
        const int j = 0;                                                                        \
        TPARAMS                                                                                 \
        i64 off[NIN];                                                                           \
        if (p.ndim <= 1) {                                                                      \
            _Pragma("unroll") for (int k = 0; k < NIN; k++)                                     \
                off[k] = p.in[k].offset + (p.ndim == 1 ? i * p.in[k].strides[0] : 0);          \
        } else {                                                                                \
            ew_offsets<NIN>(p, (u32)i, off);                                                    \
        }                                                                                       \
        LOADS                                                                                   \
        ((O*)p.out)[i] = CALL;                                                                  \
    }

// LOADS fill slot j of the staging arrays and CALL reads it (slot 0 on the general path
// and in EW_DRIVER_ONCE).
#define EW_DISPATCH(NIN, TPARAMS, LOADS, CALL)          \
    if constexpr (ew_once<F>::value) {                  \
        EW_DRIVER_ONCE(NIN, TPARAMS, LOADS, CALL)       \
    } else {                                            \
        EW_DRIVER(NIN, TPARAMS, LOADS, CALL)            \
    }

template <typename A, typename O, typename F>
__device__ __forceinline__ void map1(const EwParams& p, F f) {
    EW_DISPATCH(1, A a[EW_ITEMS];, a[j] = ld<A>(p.in[0], off[0]);, f(a[j]))
}

template <typename A, typename B, typename O, typename F>
__device__ __forceinline__ void map2(const EwParams& p, F f) {
    EW_DISPATCH(2, A a[EW_ITEMS]; B b[EW_ITEMS];, a[j] = ld<A>(p.in[0], off[0]); b[j] = ld<B>(p.in[1], off[1]);,
                f(a[j], b[j]))
}

template <typename A, typename B, typename C, typename O, typename F>
__device__ __forceinline__ void map3(const EwParams& p, F f) {
    EW_DISPATCH(3, A a[EW_ITEMS]; B b[EW_ITEMS]; C c[EW_ITEMS];,
                a[j] = ld<A>(p.in[0], off[0]); b[j] = ld<B>(p.in[1], off[1]); c[j] = ld<C>(p.in[2], off[2]);,
                f(a[j], b[j], c[j]))
}

template <typename T, typename O, typename F>
__device__ __forceinline__ void map4(const EwParams& p, F f) {
    EW_DISPATCH(4, T a[EW_ITEMS]; T b[EW_ITEMS]; T c[EW_ITEMS]; T d[EW_ITEMS];,
                a[j] = ld<T>(p.in[0], off[0]); b[j] = ld<T>(p.in[1], off[1]); c[j] = ld<T>(p.in[2], off[2]);
                d[j] = ld<T>(p.in[3], off[3]);, f(a[j], b[j], c[j], d[j]))
}
