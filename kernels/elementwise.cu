// Elementwise kernels: unary, binary (also in place: out may alias the lhs), ternary,
// quaternary, compare, select, cast, copy and fill. One line per op enum arm (UnaryOp,
// BinaryOp, TernaryOp, QuaternaryOp, CompareOp in src/backend/mod.rs, by their `name()`);
// the host appends one instantiation macro per (op, dtype) it needs, e.g. `UNARY_KERNEL(unary_exp_f32, float, exp)`.

#define DEF_UNARY(NAME, EXPR) \
    struct op_##NAME { template <typename T> __device__ __forceinline__ T operator()(T x) const { return EXPR; } };
DEF_UNARY(neg, k_neg(x))
DEF_UNARY(abs, k_abs(x))
DEF_UNARY(square, k_mul(x, x))
DEF_UNARY(relu, k_relu(x))
DEF_UNARY(sqrt, k_sqrt(x))
DEF_UNARY(exp, k_exp(x))
DEF_UNARY(ln, k_ln(x))
DEF_UNARY(sin, k_sin(x))
DEF_UNARY(cos, k_cos(x))
DEF_UNARY(tanh, k_tanh(x))
DEF_UNARY(sigmoid, k_sigmoid(x))
DEF_UNARY(floor, k_floor(x))
DEF_UNARY(ceil, k_ceil(x))
DEF_UNARY(round, k_round(x))
DEF_UNARY(recip, k_recip(x))
DEF_UNARY(tan, k_tan(x))
DEF_UNARY(sinh, k_sinh(x))
DEF_UNARY(cosh, k_cosh(x))
DEF_UNARY(asin, k_asin(x))
DEF_UNARY(acos, k_acos(x))
DEF_UNARY(atan, k_atan(x))
DEF_UNARY(exp2, k_exp2(x))
DEF_UNARY(exp_m1, k_exp_m1(x))
DEF_UNARY(log2, k_log2(x))
DEF_UNARY(log10, k_log10(x))
DEF_UNARY(ln_1p, k_ln_1p(x))
DEF_UNARY(trunc, k_trunc(x))
DEF_UNARY(sign, k_sign(x))
DEF_UNARY(erf, k_erf(x))
DEF_UNARY(erfc, k_erfc(x))
DEF_UNARY(erfcx, k_erfcx(x))
DEF_UNARY(dawsn, k_dawsn(x))
DEF_UNARY(erfi, k_erfi(x))
DEF_UNARY(ellipkm1, k_ellipkm1(x))
DEF_UNARY(ellipe, k_ellipe(x))
DEF_UNARY(spence, k_spence(x))
DEF_UNARY(exp1, k_exp1(x))
DEF_UNARY(expi, k_expi(x))
DEF_UNARY(si, k_sici(x, false))
DEF_UNARY(ci, k_sici(x, true))
DEF_UNARY(shi, k_shichi(x, false))
DEF_UNARY(chi, k_shichi(x, true))
DEF_UNARY(kolmogorov, k_kolmogorov(x))
DEF_UNARY(kolmogi, k_kolmogi(x))
DEF_UNARY(k0, k_k0(x))
DEF_UNARY(k0e, k_k0e(x))
DEF_UNARY(k1, k_k1(x))
DEF_UNARY(k1e, k_k1e(x))
DEF_UNARY(j0, k_j0(x))
DEF_UNARY(j1, k_j1(x))
DEF_UNARY(y0, k_y0(x))
DEF_UNARY(y1, k_y1(x))
DEF_UNARY(riemann_zeta, k_riemann_zeta(x))
DEF_UNARY(zetac, k_zetac(x))
DEF_UNARY(exp10, k_exp10(x))
DEF_UNARY(ndtri_exp, k_ndtri_exp(x))
DEF_UNARY(sindg, k_trig_deg(x, 0))
DEF_UNARY(cosdg, k_trig_deg(x, 1))
DEF_UNARY(tandg, k_trig_deg(x, 2))
DEF_UNARY(cotdg, k_trig_deg(x, 3))
DEF_UNARY(ln_gamma, k_ln_gamma(x))
DEF_UNARY(erfinv, k_erfinv(x))
DEF_UNARY(erfcinv, k_erfcinv(x))
DEF_UNARY(ndtri, k_ndtri(x))
DEF_UNARY(ndtr, k_ndtr(x))
DEF_UNARY(i0, k_i0(x))
DEF_UNARY(i0e, k_i0e(x))
DEF_UNARY(i1, k_i1(x))
DEF_UNARY(i1e, k_i1e(x))
DEF_UNARY(gamma, k_gamma(x))
DEF_UNARY(digamma, k_digamma(x))

#define DEF_BINARY(NAME, EXPR) \
    struct op_##NAME { template <typename T> __device__ __forceinline__ T operator()(T a, T b) const { return EXPR; } };
DEF_BINARY(add, k_add(a, b))
DEF_BINARY(sub, k_sub(a, b))
DEF_BINARY(mul, k_mul(a, b))
DEF_BINARY(div, k_div(a, b))
DEF_BINARY(rem, k_rem(a, b))
DEF_BINARY(pow, k_pow(a, b))
DEF_BINARY(maximum, k_maximum(a, b))
DEF_BINARY(minimum, k_minimum(a, b))
DEF_BINARY(floor_div, k_floor_div(a, b))
DEF_BINARY(floor_rem, k_floor_rem(a, b))
DEF_BINARY(atan2, k_atan2(a, b))
DEF_BINARY(hypot, k_hypot(a, b))
DEF_BINARY(betaln, k_betaln(a, b))
DEF_BINARY(zeta, k_zeta(a, b))
DEF_BINARY(gammainc, k_gammainc(a, b, false))
DEF_BINARY(gammaincc, k_gammainc(a, b, true))
DEF_BINARY(gammaincinv, k_gammaincinv(a, b, false))
DEF_BINARY(gammainccinv, k_gammaincinv(a, b, true))
DEF_BINARY(expn, k_expn(a, b))
DEF_BINARY(smirnov, k_smirnov(a, b))
DEF_BINARY(smirnovi, k_smirnovi(a, b))
DEF_BINARY(kl_div, k_kl_div(a, b))
DEF_BINARY(beta, k_beta(a, b))
DEF_BINARY(ellipj_sn, k_ellipj<0>(a, b))
DEF_BINARY(ellipj_cn, k_ellipj<1>(a, b))
DEF_BINARY(ellipj_dn, k_ellipj<2>(a, b))
DEF_BINARY(ellipj_am, k_ellipj<3>(a, b))
DEF_BINARY(ellipkinc, k_ellipinc(a, b, false))
DEF_BINARY(ellipeinc, k_ellipinc(a, b, true))
DEF_BINARY(elliprc, k_elliprc(a, b))
DEF_BINARY(agm, k_agm(a, b))
DEF_BINARY(yn, k_yn(a, b))
DEF_BINARY(spherical_yn, k_spherical_yn(a, b, false))
DEF_BINARY(spherical_yn_d, k_spherical_yn(a, b, true))
DEF_BINARY(poch, k_poch(a, b))
DEF_BINARY(binom, k_binom(a, b))
DEF_BINARY(fmax, k_fmax(a, b))
DEF_BINARY(fmin, k_fmin(a, b))
DEF_BINARY(copysign, k_copysign(a, b))
DEF_BINARY(bit_and, a & b)
DEF_BINARY(bit_or, a | b)
DEF_BINARY(bit_xor, a ^ b)
DEF_BINARY(shl, k_shl(a, b))
DEF_BINARY(shr, k_shr(a, b))

#define DEF_TERNARY(NAME, EXPR) \
    struct op_##NAME { template <typename T> __device__ __forceinline__ T operator()(T a, T b, T c) const { return EXPR; } };
DEF_TERNARY(betainc, k_betainc(a, b, c, false))
DEF_TERNARY(betaincc, k_betainc(a, b, c, true))
DEF_TERNARY(betaincinv, k_betaincinv(a, b, c, false))
DEF_TERNARY(betainccinv, k_betaincinv(a, b, c, true))
DEF_TERNARY(elliprf, k_elliprf(a, b, c))
DEF_TERNARY(elliprd, k_elliprd(a, b, c))
DEF_TERNARY(elliprg, k_elliprg(a, b, c))
DEF_TERNARY(lpmv, k_lpmv(a, b, c))
DEF_TERNARY(wright_bessel, k_wright_bessel(a, b, c, false))
DEF_TERNARY(log_wright_bessel, k_wright_bessel(a, b, c, true))
DEF_TERNARY(sph_legendre_p, k_sph_legendre_p(a, b, c))

#define DEF_QUATERNARY(NAME, EXPR) \
    struct op_##NAME { template <typename T> __device__ __forceinline__ T operator()(T a, T b, T c, T d) const { return EXPR; } };
DEF_QUATERNARY(elliprj, k_elliprj(a, b, c, d))
DEF_QUATERNARY(hyp2f1, k_hyp2f1(a, b, c, d))

// The special functions take the one-element-per-step driver (see EW_DRIVER_ONCE).
#define EW_ONCE(NAME) template <> struct ew_once<op_##NAME> { static constexpr bool value = true; };
EW_ONCE(erfinv) EW_ONCE(erfcinv) EW_ONCE(ndtri) EW_ONCE(ndtri_exp)
EW_ONCE(gamma) EW_ONCE(ln_gamma) EW_ONCE(digamma) EW_ONCE(spence) EW_ONCE(ellipkm1) EW_ONCE(ellipe)
EW_ONCE(exp1) EW_ONCE(expi) EW_ONCE(si) EW_ONCE(ci) EW_ONCE(shi) EW_ONCE(chi)
EW_ONCE(kolmogorov) EW_ONCE(kolmogi) EW_ONCE(riemann_zeta) EW_ONCE(zetac)
EW_ONCE(j0) EW_ONCE(j1) EW_ONCE(y0) EW_ONCE(y1) EW_ONCE(i0) EW_ONCE(i0e) EW_ONCE(i1) EW_ONCE(i1e)
EW_ONCE(k0) EW_ONCE(k0e) EW_ONCE(k1) EW_ONCE(k1e) EW_ONCE(sindg) EW_ONCE(cosdg) EW_ONCE(tandg) EW_ONCE(cotdg)
EW_ONCE(betaln) EW_ONCE(beta) EW_ONCE(zeta) EW_ONCE(gammainc) EW_ONCE(gammaincc) EW_ONCE(gammaincinv) EW_ONCE(gammainccinv)
EW_ONCE(expn) EW_ONCE(smirnov) EW_ONCE(smirnovi) EW_ONCE(yn) EW_ONCE(spherical_yn) EW_ONCE(spherical_yn_d) EW_ONCE(poch) EW_ONCE(binom)
EW_ONCE(betainc) EW_ONCE(betaincc) EW_ONCE(betaincinv) EW_ONCE(betainccinv)
EW_ONCE(ellipj_sn) EW_ONCE(ellipj_cn) EW_ONCE(ellipj_dn) EW_ONCE(ellipj_am) EW_ONCE(ellipkinc) EW_ONCE(ellipeinc)
EW_ONCE(elliprc) EW_ONCE(agm) EW_ONCE(elliprf) EW_ONCE(elliprd) EW_ONCE(elliprg) EW_ONCE(lpmv) EW_ONCE(elliprj) EW_ONCE(hyp2f1)
EW_ONCE(wright_bessel) EW_ONCE(log_wright_bessel) EW_ONCE(sph_legendre_p) EW_ONCE(dawsn) EW_ONCE(erfi)
#undef EW_ONCE

// IEEE comparisons: NaN compares unequal (ne is true).
#define DEF_COMPARE(NAME, EXPR) \
    struct cmp_##NAME { template <typename T> __device__ __forceinline__ u8 operator()(T a, T b) const { return (u8)(EXPR); } };
DEF_COMPARE(eq, a == b)
DEF_COMPARE(ne, a != b)
DEF_COMPARE(lt, a < b)
DEF_COMPARE(le, a <= b)
DEF_COMPARE(gt, a > b)
DEF_COMPARE(ge, a >= b)

template <typename To, typename From> struct op_cast {
    __device__ __forceinline__ To operator()(From x) const { return Conv<To, From>::f(x); }
};
template <typename T> struct op_copy {
    __device__ __forceinline__ T operator()(T x) const { return x; }
};
template <typename T> struct op_select {
    __device__ __forceinline__ T operator()(u8 m, T a, T b) const { return m ? a : b; }
};

// The EW_ONCE kernels ask for two resident blocks per SM (at most 128 registers): left
// to choose, ptxas gave ternary_betaincinv_f64 80 registers and 200 B of spills on
// sm_80, and with the bound 96 and none (f32 on sm_90: 46, where the wide driver spilled
// 20 B). The other kernels keep ptxas's choice (a bound of 0): with 2, binary_add_f32
// took 34 registers, not 30, and so fewer resident threads.
#define EW_BOUNDS(OP) __launch_bounds__(BLOCK, ew_once<op_##OP>::value ? 2 : 0)
#define UNARY_KERNEL(NAME, T, OP) \
    extern "C" __global__ void EW_BOUNDS(OP) NAME(EwParams p) { map1<T, T>(p, op_##OP()); }
#define BINARY_KERNEL(NAME, T, OP) \
    extern "C" __global__ void EW_BOUNDS(OP) NAME(EwParams p) { map2<T, T, T>(p, op_##OP()); }
#define TERNARY_KERNEL(NAME, T, OP) \
    extern "C" __global__ void EW_BOUNDS(OP) NAME(EwParams p) { map3<T, T, T, T>(p, op_##OP()); }
#define QUATERNARY_KERNEL(NAME, T, OP) \
    extern "C" __global__ void EW_BOUNDS(OP) NAME(EwParams p) { map4<T, T>(p, op_##OP()); }
#define COMPARE_KERNEL(NAME, T, OP) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(EwParams p) { map2<T, T, u8>(p, cmp_##OP()); }
#define CAST_KERNEL(NAME, FROM, TO) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(EwParams p) { map1<FROM, TO>(p, op_cast<TO, FROM>()); }
// copy and select move bits, so one kernel per element width serves every dtype.
#define COPY_KERNEL(NAME, W) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(EwParams p) { map1<W, W>(p, op_copy<W>()); }
#define SELECT_KERNEL(NAME, W) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(EwParams p) { map3<u8, W, W, W>(p, op_select<W>()); }

// ------------------------------------------------------------------ take (gather)
// out[i] = src[offset of i with the gathered axis at wrap(idx[j])], by bits: src has
// stride 0 along the index dimensions (step, its stride along the gathered axis,
// scales the wrapped index), idx strides only along them. Indices wrap Python-style
// into 0..len (len > 0). See `Gather` in src/backend/mod.rs.

struct TakeParams {
    i64 n;
    i64 ndim;
    i64 shape[MAXD];
    u64 src;
    i64 src_off;
    i64 src_strides[MAXD];
    u64 idx;
    i64 idx_off;
    i64 idx_strides[MAXD];
    i64 len;
    i64 step;
    u64 out;
};

template <typename W, typename I>
__device__ __forceinline__ void take_body(const TakeParams& p) {
    for (i64 i = (i64)blockIdx.x * BLOCK + threadIdx.x; i < p.n; i += (i64)gridDim.x * BLOCK) {
        i64 s = p.src_off, j = p.idx_off, r = i;
#pragma unroll
        for (int d = MAXD - 1; d >= 0; d--) {
            if (d < p.ndim) {
                const i64 q = r / p.shape[d];
                const i64 k = r - q * p.shape[d];
                r = q;
                s += k * p.src_strides[d];
                j += k * p.idx_strides[d];
            }
        }
        i64 w = (i64)((const I*)p.idx)[j] % p.len;
        if (w < 0) w += p.len;
        ((W*)p.out)[i] = ((const W*)p.src)[s + w * p.step];
    }
}
#define TAKE_KERNEL(NAME, W, I) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(TakeParams p) { take_body<W, I>(p); }

// Scatter (put): dst[wrap(idx[i])] = vals[i * vstep], the largest i winning where indices
// repeat (NumPy's order): a claiming pass records i + 1 in `owner` with atomicMax, then a
// writing pass lets each i whose claim stands write.
struct ScatterParams {
    u64 dst;
    u64 owner;
    u64 idx;
    u64 vals;
    i64 n;
    i64 len;
    i64 vstep;
    i64 claim;
};

template <typename W, typename I>
__device__ __forceinline__ void scatter_body(const ScatterParams& p) {
    u32* owner = (u32*)p.owner;
    for (i64 i = (i64)blockIdx.x * BLOCK + threadIdx.x; i < p.n; i += (i64)gridDim.x * BLOCK) {
        i64 w = (i64)((const I*)p.idx)[i] % p.len;
        if (w < 0) w += p.len;
        const u32 me = (u32)(i + 1);
        if (p.claim)
            atomicMax(owner + w, me);
        else if (owner[w] == me)
            ((W*)p.dst)[w] = ((const W*)p.vals)[i * p.vstep];
    }
}
#define SCATTER_KERNEL(NAME, W, I) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(ScatterParams p) { scatter_body<W, I>(p); }

// Scatter-add (np.add.at): dst[wrap(idx[i])] += vals[i * vstep], every repeat counting,
// with atomicAdd (float sums in an unspecified order). ScatterParams' owner and claim
// are unused.
template <typename T, typename I>
__device__ __forceinline__ void scatter_add_body(const ScatterParams& p) {
    for (i64 i = (i64)blockIdx.x * BLOCK + threadIdx.x; i < p.n; i += (i64)gridDim.x * BLOCK) {
        i64 w = (i64)((const I*)p.idx)[i] % p.len;
        if (w < 0) w += p.len;
        atomicAdd((T*)p.dst + w, ((const T*)p.vals)[i * p.vstep]);
    }
}
#define SCATTER_ADD_KERNEL(NAME, T, I) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(ScatterParams p) { scatter_add_body<T, I>(p); }

// bincount: counts[v] += 1 for every value v < len.
struct BincountParams {
    u64 values;
    u64 counts;
    i64 n;
    i64 len;
};

__device__ __forceinline__ void bincount_body(const BincountParams& p) {
    for (i64 i = (i64)blockIdx.x * BLOCK + threadIdx.x; i < p.n; i += (i64)gridDim.x * BLOCK) {
        const u32 v = ((const u32*)p.values)[i];
        if ((i64)v < p.len) atomicAdd(((u32*)p.counts) + v, 1u);
    }
}
#define BINCOUNT_KERNEL(NAME) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(BincountParams p) { bincount_body(p); }

// ------------------------------------------------------------------ scan
// Inclusive scan along the middle dimension of an [outer, len, inner] view, one thread
// per (outer, segment of `seg` rows, inner) position: with `totals`, each segment's
// total into out[outer, nseg, inner]; else every row's running value into
// out[outer, len, inner], carried in from the scanned totals when `has_carry`.

struct ScanParams {
    u64 src;
    u64 out;
    u64 carry;
    i64 off;
    i64 so;
    i64 sl;
    i64 si;
    i64 outer;
    i64 len;
    i64 inner;
    i64 seg;
    i64 nseg;
    i64 totals;
    i64 has_carry;
};

template <typename T, typename F>
__device__ __forceinline__ void scan_body(const ScanParams& p, F f) {
    const T* src = (const T*)p.src;
    T* out = (T*)p.out;
    const i64 n = p.outer * p.nseg * p.inner;
    for (i64 t = (i64)blockIdx.x * BLOCK + threadIdx.x; t < n; t += (i64)gridDim.x * BLOCK) {
        const i64 k = t % p.inner, rest = t / p.inner;
        const i64 g = rest % p.nseg, o = rest / p.nseg;
        const i64 j0 = g * p.seg, j1 = min(j0 + p.seg, p.len);
        i64 s = p.off + o * p.so + j0 * p.sl + k * p.si;
        T acc = src[s];
        if (!p.totals && p.has_carry && g > 0) acc = f(((const T*)p.carry)[(o * p.nseg + g - 1) * p.inner + k], acc);
        const i64 ob = o * (p.totals ? p.nseg : p.len) * p.inner + k;
        if (!p.totals) out[ob + j0 * p.inner] = acc;
        for (i64 j = j0 + 1; j < j1; j++) {
            s += p.sl;
            acc = f(acc, src[s]);
            if (!p.totals) out[ob + j * p.inner] = acc;
        }
        if (p.totals) out[ob + g * p.inner] = acc;
    }
}
#define SCAN_KERNEL(NAME, T, OP) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(ScanParams p) { scan_body<T>(p, op_##OP()); }

// ------------------------------------------------------------------ compaction
// extract / flatnonzero: for each i with mask[i], out[pos[i] - 1] = vals[i] (or i).

struct CompactParams {
    u64 vals;
    u64 mask;
    u64 pos;
    u64 out;
    i64 n;
    i64 has_values;
};

template <typename W>
__device__ __forceinline__ void compact_body(const CompactParams& p) {
    for (i64 i = (i64)blockIdx.x * BLOCK + threadIdx.x; i < p.n; i += (i64)gridDim.x * BLOCK) {
        if (!((const u8*)p.mask)[i]) continue;
        const u32 at = ((const u32*)p.pos)[i] - 1u;
        ((W*)p.out)[at] = p.has_values ? ((const W*)p.vals)[i] : (W)i;
    }
}
#define COMPACT_KERNEL(NAME, W) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(CompactParams p) { compact_body<W>(p); }

// ------------------------------------------------------------------ fft
// One radix-2 Stockham step of a batch of power-of-two FFTs over (re, im) pairs (see
// fft_step in src/backend/mod.rs): output value g of transform b = g / n is row k (or
// k + l, the upper half) and column c of a [2l, h] matrix, from E = X[k, c] and
// O = X[k, c + h] of the [l, 2h] input and the twiddle tw[k·h].

struct FftParams {
    u64 src;
    u64 tw;
    u64 out;
    i64 total;
    i64 n;
    i64 h;
};

template <typename T>
__device__ __forceinline__ void fft_step_body(const FftParams& p) {
    const T* x = (const T*)p.src;
    const T* w = (const T*)p.tw;
    T* y = (T*)p.out;
    const i64 half = p.n >> 1;
    for (i64 g = (i64)blockIdx.x * BLOCK + threadIdx.x; g < p.total; g += (i64)gridDim.x * BLOCK) {
        const i64 j = g & (p.n - 1);
        const bool upper = j >= half;
        const i64 q = upper ? j - half : j;
        const i64 k = q / p.h;
        const i64 e = g - j + q + k * p.h;
        const T er = x[2 * e], ei = x[2 * e + 1];
        const T o_r = x[2 * (e + p.h)], o_i = x[2 * (e + p.h) + 1];
        const T wr = w[2 * k * p.h], wi = w[2 * k * p.h + 1];
        const T tr = o_r * wr - o_i * wi, ti = o_r * wi + o_i * wr;
        y[2 * g] = upper ? er - tr : er + tr;
        y[2 * g + 1] = upper ? ei - ti : ei + ti;
    }
}
#define FFT_STEP_KERNEL(NAME, T) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(FftParams p) { fft_step_body<T>(p); }

// One Stockham step of radix r (lengths that are not powers of two): output value g
// of transform b = g / n is row k + q·l and column c of the [r·l, h] result,
// sum_p X[k, c + p·h]·T[p·(k·h + q·n/r) mod n] over the [l, m] input (h = m / r).

struct FftRadixParams {
    u64 src;
    u64 tw;
    u64 out;
    i64 total;
    i64 n;
    i64 l;
    i64 r;
};

template <typename T>
__device__ __forceinline__ void fft_radix_body(const FftRadixParams& p) {
    const T* x = (const T*)p.src;
    const T* w = (const T*)p.tw;
    T* y = (T*)p.out;
    const i64 m = p.n / p.l, h = m / p.r, nr = p.n / p.r;
    for (i64 g = (i64)blockIdx.x * BLOCK + threadIdx.x; g < p.total; g += (i64)gridDim.x * BLOCK) {
        const i64 j = g % p.n;
        const i64 row = j / h, c = j % h;
        const i64 q = row / p.l, k = row % p.l;
        const i64 base = (g - j) + k * m + c, turn = k * h + q * nr;
        T re = 0, im = 0;
        for (i64 t = 0; t < p.r; t++) {
            const i64 e = 2 * (base + t * h), a = 2 * ((t * turn) % p.n);
            re += x[e] * w[a] - x[e + 1] * w[a + 1];
            im += x[e] * w[a + 1] + x[e + 1] * w[a];
        }
        y[2 * g] = re;
        y[2 * g + 1] = im;
    }
}
#define FFT_RADIX_KERNEL(NAME, T) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(FftRadixParams p) { fft_radix_body<T>(p); }

// Whole FFTs in shared memory: each block takes P consecutive pairs at a time (P / n
// transforms of length n <= P), runs all log2 n steps between two halves of `buf`, and
// stores its pairs; a partial last group computes on stale values past its data and
// stores only its own.

struct FftLocalParams {
    u64 src;
    u64 tw;
    u64 out;
    i64 total;
    i64 log_n;
};

template <typename T, int P>
__device__ __forceinline__ void fft_local_body(const FftLocalParams& p) {
    __shared__ T buf[2 * 2 * P];
    const T* x = (const T*)p.src;
    const T* w = (const T*)p.tw;
    T* y = (T*)p.out;
    const int log_n = (int)p.log_n;
    const int half = (1 << log_n) >> 1;
    for (i64 first = (i64)blockIdx.x * P; first < p.total; first += (i64)gridDim.x * P) {
        const int count = (int)min((i64)P, p.total - first);
        for (int i = threadIdx.x; i < count; i += BLOCK) {
            buf[2 * i] = x[2 * (first + i)];
            buf[2 * i + 1] = x[2 * (first + i) + 1];
        }
        __syncthreads();
        int from = 0;
        for (int s = 0; s < log_n; s++) {
            const int log_h = log_n - 1 - s;
            const int to = P - from;
            for (int q = threadIdx.x; q < P / 2; q += BLOCK) {
                const int base = (q >> (log_n - 1)) << log_n;
                const int c = q & (half - 1);
                const int k = c >> log_h;
                const int e = from + base + c + (k << log_h);
                const int o = e + (1 << log_h);
                const T er = buf[2 * e], ei = buf[2 * e + 1], o_r = buf[2 * o], o_i = buf[2 * o + 1];
                const T wr = w[2 * (k << log_h)], wi = w[2 * (k << log_h) + 1];
                const T tr = o_r * wr - o_i * wi, ti = o_r * wi + o_i * wr;
                const int lo = to + base + c, hi = lo + half;
                buf[2 * lo] = er + tr;
                buf[2 * lo + 1] = ei + ti;
                buf[2 * hi] = er - tr;
                buf[2 * hi + 1] = ei - ti;
            }
            __syncthreads();
            from = to;
        }
        for (int i = threadIdx.x; i < count; i += BLOCK) {
            y[2 * (first + i)] = buf[2 * (from + i)];
            y[2 * (first + i) + 1] = buf[2 * (from + i) + 1];
        }
        __syncthreads();
    }
}
#define FFT_LOCAL_KERNEL(NAME, T, P) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(FftLocalParams p) { fft_local_body<T, P>(p); }

// ------------------------------------------------------------------ argsort
// Bitonic network over the rows of a [rows, n] array, each padded virtually to 2^logp
// positions (the padding sorts last, never moves and is never stored): the design of
// shaders/sort.wgsl and src/backend/wgpu/sort.rs. Keys are order-preserving u64s made
// from the elements (NaN largest, -0.0 == 0.0), compared with the position: a stable,
// total order identical to the CPU backend's.

struct SortParams {
    u64 src;
    u64 keys;
    u64 idx;
    i64 src_off;
    i64 src_rs;     // the source's row stride (elements)
    i64 rows;
    i64 n;
    i64 logp;
    i64 k;          // global: the stage; local: the first stage
    i64 j;          // global: the disperse distance, 0 for the flip step; local: the last stage
    i64 first;      // local: make keys from the source
};

#define SORT_BLOCK 1024
#define SORT_PAD 0xffffffffu

__device__ __forceinline__ u64 sort_key(float x) {
    const u32 w = __float_as_uint(x);
    if ((w & 0x7fffffffu) > 0x7f800000u) return ~0ull;
    const u32 b = w == 0x80000000u ? 0u : w;
    return (u64)((b & 0x80000000u) ? ~b : (b | 0x80000000u));
}
__device__ __forceinline__ u64 sort_key(double x) {
    const u64 w = (u64)__double_as_longlong(x);
    if ((w & 0x7fffffffffffffffull) > 0x7ff0000000000000ull) return ~0ull;
    const u64 b = w == 0x8000000000000000ull ? 0ull : w;
    return (b >> 63) ? ~b : (b | 0x8000000000000000ull);
}
__device__ __forceinline__ u64 sort_key(i32 x) { return (u64)((u32)x ^ 0x80000000u); }
__device__ __forceinline__ u64 sort_key(u32 x) { return (u64)x; }

__device__ __forceinline__ bool sort_before(u64 ka, u32 ia, u64 kb, u32 ib) {
    return ka < kb || (ka == kb && ia < ib);
}

// Puts the pairs at a < b in order: (keys[a], idx[a]) before (keys[b], idx[b]). The
// arrays are in global or shared memory.
__device__ __forceinline__ void sort_exchange(u64* keys, u32* idx, i64 a, i64 b) {
    const u64 ka = keys[a], kb = keys[b];
    const u32 ia = idx[a], ib = idx[b];
    if (sort_before(kb, ib, ka, ia)) {
        keys[a] = kb;
        keys[b] = ka;
        idx[a] = ib;
        idx[b] = ia;
    }
}

// The stored element (row * n + col) at virtual position v, or -1 for padding.
__device__ __forceinline__ i64 sort_slot(const SortParams& p, i64 v) {
    const i64 row = v >> p.logp, col = v & ((1ll << p.logp) - 1);
    return (row >= p.rows || col >= p.n) ? -1 : row * p.n + col;
}

// One compare-exchange per thread: the flip step of stage k (j == 0) or disperse step j.
__device__ __forceinline__ void argsort_global_body(const SortParams& p) {
    u64* keys = (u64*)p.keys;
    u32* idx = (u32*)p.idx;
    const i64 pairs = (p.rows << p.logp) / 2;
    for (i64 t = (i64)blockIdx.x * BLOCK + threadIdx.x; t < pairs; t += (i64)gridDim.x * BLOCK) {
        i64 a, b;
        if (p.j == 0) {
            const i64 h = p.k >> 1, o = t & (h - 1), start = (t / h) * p.k;
            a = start + o;
            b = start + p.k - 1 - o;
        } else {
            a = (t / p.j) * 2 * p.j + (t & (p.j - 1));
            b = a + p.j;
        }
        const i64 sb = sort_slot(p, b);
        if (sb < 0) continue;  // b > a in the same row: padding at b means a is in order
        sort_exchange(keys, idx, sort_slot(p, a), sb);
    }
}

// A block of SORT_BLOCK positions in shared memory, through stages k_lo..=k_hi (for
// k > SORT_BLOCK only the steps with j < SORT_BLOCK).
template <typename T>
__device__ __forceinline__ void argsort_local_body(const SortParams& p) {
    __shared__ u64 sk[SORT_BLOCK];
    __shared__ u32 si[SORT_BLOCK];
    u64* keys = (u64*)p.keys;
    u32* idx = (u32*)p.idx;
    const i64 base = (i64)blockIdx.x * SORT_BLOCK;
    for (int l = threadIdx.x; l < SORT_BLOCK; l += BLOCK) {
        const i64 s = sort_slot(p, base + l);
        if (s < 0) {
            sk[l] = ~0ull;
            si[l] = SORT_PAD;
        } else if (p.first) {
            const i64 r = s / p.n, c = s - r * p.n;
            sk[l] = sort_key(((const T*)p.src)[p.src_off + r * p.src_rs + c]);
            si[l] = (u32)c;
        } else {
            sk[l] = keys[s];
            si[l] = idx[s];
        }
    }
    __syncthreads();
    auto exchange = [&](int a, int b) { sort_exchange(sk, si, a, b); };
    for (i64 k = p.k; k <= p.j; k <<= 1) {
        int j = SORT_BLOCK / 2;
        if (k <= SORT_BLOCK) {
            const int kk = (int)k, h = kk >> 1;
            for (int t = threadIdx.x; t < SORT_BLOCK / 2; t += BLOCK) {
                const int o = t & (h - 1), start = (t / h) * kk;
                exchange(start + o, start + kk - 1 - o);
            }
            __syncthreads();
            j = kk >> 2;
        }
        for (; j > 0; j >>= 1) {
            for (int t = threadIdx.x; t < SORT_BLOCK / 2; t += BLOCK) {
                const int a = (t / j) * 2 * j + (t & (j - 1));
                exchange(a, a + j);
            }
            __syncthreads();
        }
    }
    for (int l = threadIdx.x; l < SORT_BLOCK; l += BLOCK) {
        const i64 s = sort_slot(p, base + l);
        if (s >= 0) {
            keys[s] = sk[l];
            idx[s] = si[l];
        }
    }
}
#define ARGSORT_KERNELS(NAME, T) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME##_local(SortParams p) { argsort_local_body<T>(p); } \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME##_global(SortParams p) { argsort_global_body(p); }

// searchsorted: per value, how many sorted elements sort before it (or, with `right`,
// do not sort after it), in the order above.
struct SearchParams {
    u64 sorted;
    u64 values;
    u64 out;
    i64 len;
    i64 n;
    i64 right;
};

template <typename T>
__device__ __forceinline__ void search_body(const SearchParams& p) {
    const T* s = (const T*)p.sorted;
    for (i64 i = (i64)blockIdx.x * BLOCK + threadIdx.x; i < p.n; i += (i64)gridDim.x * BLOCK) {
        const u64 v = sort_key(((const T*)p.values)[i]);
        i64 lo = 0, hi = p.len;
        while (lo < hi) {
            const i64 mid = lo + (hi - lo) / 2;
            const u64 k = sort_key(s[mid]);
            if (p.right ? k <= v : k < v)
                lo = mid + 1;
            else
                hi = mid;
        }
        ((u32*)p.out)[i] = (u32)lo;
    }
}
#define SEARCH_KERNEL(NAME, T) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(SearchParams p) { search_body<T>(p); }

// ------------------------------------------------------------------ fill
// Constants of 1 and 4 bytes use cuMemsetD8/D32; 8-byte constants use fill_b8.
// arange/linspace compute each value in f64 exactly as the CPU does (no FMA
// contraction: __dmul_rn/__dadd_rn), then convert with Rust `as` semantics.

struct FillParams {
    u64 out;
    i64 n;
    u64 bits;      // fill_b8: the value
    double start;
    double step;   // arange: step; linspace: (stop - start) / (n - 1)
    double stop;   // linspace: the exact last value
};

__device__ __forceinline__ void fill_b8_body(const FillParams& p) {
    for (i64 i = (i64)blockIdx.x * BLOCK + threadIdx.x; i < p.n; i += (i64)gridDim.x * BLOCK) ((u64*)p.out)[i] = p.bits;
}

template <typename T>
__device__ __forceinline__ void arange_body(const FillParams& p) {
    for (i64 i = (i64)blockIdx.x * BLOCK + threadIdx.x; i < p.n; i += (i64)gridDim.x * BLOCK)
        ((T*)p.out)[i] = Conv<T, double>::f(__dadd_rn(p.start, __dmul_rn((double)i, p.step)));
}

template <typename T>
__device__ __forceinline__ void linspace_body(const FillParams& p) {
    for (i64 i = (i64)blockIdx.x * BLOCK + threadIdx.x; i < p.n; i += (i64)gridDim.x * BLOCK) {
        double v;
        if (p.n <= 1 || i + 1 == p.n)
            v = i == 0 ? p.start : p.stop;
        else
            v = __dadd_rn(p.start, __dmul_rn((double)i, p.step));
        ((T*)p.out)[i] = Conv<T, double>::f(v);
    }
}

#define FILL_B8_KERNEL(NAME) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(FillParams p) { fill_b8_body(p); }
#define ARANGE_KERNEL(NAME, T) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(FillParams p) { arange_body<T>(p); }
#define LINSPACE_KERNEL(NAME, T) \
    extern "C" __global__ void __launch_bounds__(BLOCK) NAME(FillParams p) { linspace_body<T>(p); }
