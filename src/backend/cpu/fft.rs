//! One radix-2 Stockham step of power-of-two FFTs (see
//! [`crate::backend::Backend::fft_step`]): rayon over transforms, and over blocks of
//! butterflies within a long one.

use std::ops::{Add, Mul, Sub};

use rayon::prelude::*;

use super::strided::SERIAL_MAX;
use super::{unsupported, CpuBackend, CpuStorage};
use crate::backend::View;
use crate::dtype::{DType, Scalar};
use crate::error::Result;

/// Butterflies per rayon task.
const BLOCK: usize = 1 << 14;

/// See [`crate::backend::Backend::fft_step`].
pub(super) fn fft_step(
    cpu: &CpuBackend,
    dtype: DType,
    src: View<'_, CpuStorage>,
    twiddles: View<'_, CpuStorage>,
    n: usize,
    l: usize,
) -> Result<CpuStorage> {
    match dtype {
        DType::F32 => step::<f32>(cpu, src, twiddles, n, l),
        DType::F64 => step::<f64>(cpu, src, twiddles, n, l),
        _ => Err(unsupported(dtype, "the FFT")),
    }
}

fn step<T>(
    cpu: &CpuBackend,
    src: View<'_, CpuStorage>,
    twiddles: View<'_, CpuStorage>,
    n: usize,
    l: usize,
) -> Result<CpuStorage>
where
    T: Scalar + Add<Output = T> + Sub<Output = T> + Mul<Output = T>,
{
    let len = src.layout.len();
    let x = &src.storage.typed::<T>()?[src.layout.offset()..][..len];
    let w = &twiddles.storage.typed::<T>()?[twiddles.layout.offset()..][..n];
    let mut out = cpu.alloc::<T>(len)?;
    let h = n / l / 2;
    // Butterflies p0, p0 + 1, … (p = k·h + c) of the transform `xb`: E ± w·O into the two
    // halves of its output, rows k and k + l.
    let run = |xb: &[T], p0: usize, lo: &mut [T], hi: &mut [T]| {
        let (mut k, mut c) = (p0 / h, p0 % h);
        for (a, b) in lo.chunks_exact_mut(2).zip(hi.chunks_exact_mut(2)) {
            let (wr, wi) = (w[2 * k * h], w[2 * k * h + 1]);
            let e = 2 * (2 * k * h + c);
            let o = e + 2 * h;
            let (er, ei, or, oi) = (xb[e], xb[e + 1], xb[o], xb[o + 1]);
            let (tr, ti) = (or * wr - oi * wi, or * wi + oi * wr);
            a[0] = er + tr;
            a[1] = ei + ti;
            b[0] = er - tr;
            b[1] = ei - ti;
            c += 1;
            if c == h {
                c = 0;
                k += 1;
            }
        }
    };
    let serial = len <= SERIAL_MAX;
    let transform = |(xb, yb): (&[T], &mut [T])| {
        let (lo, hi) = yb.split_at_mut(n);
        if serial || n / 2 <= BLOCK {
            run(xb, 0, lo, hi);
        } else {
            lo.par_chunks_mut(2 * BLOCK)
                .zip(hi.par_chunks_mut(2 * BLOCK))
                .enumerate()
                .for_each(|(t, (a, b))| run(xb, t * BLOCK, a, b));
        }
    };
    if serial {
        x.chunks(2 * n).zip(out.chunks_mut(2 * n)).for_each(transform);
    } else {
        x.par_chunks(2 * n).zip(out.par_chunks_mut(2 * n)).with_min_len((BLOCK / n).max(1)).for_each(transform);
    }
    Ok(cpu.finish(out))
}
