//! FFTs by Stockham steps (see [`crate::backend::Backend::fft`]): radix 2 by
//! butterflies, other radices by the step's sum over `r` inputs.
//! Short transforms run through all their steps in a scratch buffer that stays in
//! cache, one rayon task per group of transforms; long ones go step by step over the
//! whole array, each step parallel over blocks of butterflies.

use std::ops::{Add, Mul, Sub};

use rayon::prelude::*;

use super::strided::SERIAL_MAX;
use super::{unsupported, CpuBackend, CpuStorage};
use crate::backend::{View, LARGEST_RADIX};
use crate::dtype::{DType, Element};
use crate::error::Result;

/// Butterflies per rayon task in a step over a long transform.
const BLOCK: usize = 1 << 14;
/// Transforms at most this long (pairs) run all their steps in cache: two buffers of
/// 64 KiB (f32) or 128 KiB (f64).
const IN_CACHE: usize = 1 << 13;

/// The arithmetic a step needs (f32 and f64).
trait Re: Element + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> {}
impl<T: Element + Add<Output = T> + Sub<Output = T> + Mul<Output = T>> Re for T {}

/// See [`crate::backend::Backend::fft`].
pub(super) fn fft(
    cpu: &CpuBackend,
    dtype: DType,
    src: View<'_, CpuStorage>,
    twiddles: View<'_, CpuStorage>,
    n: usize,
    radices: &[usize],
) -> Result<CpuStorage> {
    match dtype {
        DType::F32 => transform::<f32>(cpu, src, twiddles, n, radices),
        DType::F64 => transform::<f64>(cpu, src, twiddles, n, radices),
        _ => Err(unsupported(dtype, "the FFT")),
    }
}

fn transform<T: Re>(
    cpu: &CpuBackend,
    src: View<'_, CpuStorage>,
    twiddles: View<'_, CpuStorage>,
    n: usize,
    radices: &[usize],
) -> Result<CpuStorage> {
    let len = src.layout.len();
    let x = &src.storage.typed::<T>()?[src.layout.offset()..][..len];
    let w = &twiddles.storage.typed::<T>()?[twiddles.layout.offset()..][..2 * n];
    // (radix, l) of each step.
    let steps: Vec<(usize, usize)> = radices
        .iter()
        .scan(1, |l, &r| {
            let here = *l;
            *l *= r;
            Some((r, here))
        })
        .collect();
    let one = |xb: &[T], yb: &mut [T], (r, l): (usize, usize)| {
        if r == 2 {
            butterflies(xb, yb, w, n, l);
        } else {
            radix(xb, yb, w, (n, l, r), 0);
        }
    };
    let mut out = cpu.alloc::<T>(len)?;
    if n <= IN_CACHE {
        // Ping-pong between a copy of the input and the output; an even number of steps
        // ends in the copy.
        let each = |a: &mut Vec<T>, (xb, yb): (&[T], &mut [T])| {
            a.clear();
            a.extend_from_slice(xb);
            for (s, &st) in steps.iter().enumerate() {
                if s % 2 == 0 {
                    one(a, yb, st);
                } else {
                    one(yb, a, st);
                }
            }
            if steps.len().is_multiple_of(2) {
                yb.copy_from_slice(a);
            }
        };
        let pairs = x.chunks(2 * n).zip(out.chunks_mut(2 * n));
        if len <= SERIAL_MAX {
            let mut a = Vec::with_capacity(2 * n);
            pairs.for_each(|p| each(&mut a, p));
        } else {
            let per_task = (BLOCK / n).max(1);
            x.par_chunks(2 * n)
                .zip(out.par_chunks_mut(2 * n))
                .with_min_len(per_task)
                .for_each_init(|| Vec::with_capacity(2 * n), each);
        }
        return Ok(cpu.finish(out));
    }
    // Long transforms: step s writes the output when an even number of steps follow it,
    // else the scratch array, so the last lands in the output.
    let mut scratch = cpu.alloc::<T>(len)?;
    let last = steps.len() - 1;
    for (s, &st) in steps.iter().enumerate() {
        let to_out = (last - s).is_multiple_of(2);
        match (s, to_out) {
            (0, true) => step(x, &mut out[..len], w, n, st),
            (0, false) => step(x, &mut scratch[..len], w, n, st),
            (_, true) => step(&scratch[..len], &mut out[..len], w, n, st),
            (_, false) => step(&out[..len], &mut scratch[..len], w, n, st),
        }
    }
    cpu.pool.give(T::into_host(scratch), &cpu.counters);
    Ok(cpu.finish(out))
}

/// One step over every transform of a long length `n`: blocks of outputs in parallel.
fn step<T: Re>(x: &[T], out: &mut [T], w: &[T], n: usize, (r, l): (usize, usize)) {
    x.chunks(2 * n).zip(out.chunks_mut(2 * n)).for_each(|(xb, yb)| {
        if r == 2 {
            let (lo, hi) = yb.split_at_mut(n);
            lo.par_chunks_mut(2 * BLOCK)
                .zip(hi.par_chunks_mut(2 * BLOCK))
                .enumerate()
                .for_each(|(t, (a, b))| halves(xb, a, b, w, n, l, t * BLOCK));
        } else {
            yb.par_chunks_mut(2 * BLOCK).enumerate().for_each(|(t, y)| radix(xb, y, w, (n, l, r), t * BLOCK));
        }
    });
}

/// Outputs `j0, j0 + 1, …` of the radix-`r` step `l` of the transform `xb` (length
/// `n`): `Y[k + q·l, c] = Σ_p X[k, c + p·h] · T[p·(k·h + q·n/r) mod n]`, a row segment
/// at a time (its `r` twiddles fetched once, then `r` sweeps over the segment).
fn radix<T: Re>(xb: &[T], yb: &mut [T], w: &[T], (n, l, r): (usize, usize, usize), j0: usize) {
    let (m, nr) = (n / l, n / r);
    let h = m / r;
    let mut tw = [T::ZERO; 2 * LARGEST_RADIX];
    let mut done = 0;
    while done < yb.len() / 2 {
        let j = j0 + done;
        let (row, c0) = (j / h, j % h);
        let run = (h - c0).min(yb.len() / 2 - done);
        let (q, k) = (row / l, row % l);
        let turn = k * h + q * nr;
        for (p, t) in tw.chunks_exact_mut(2).take(r).enumerate() {
            let at = 2 * ((p * turn) % n);
            t.copy_from_slice(&w[at..at + 2]);
        }
        let y = &mut yb[2 * done..2 * (done + run)];
        y.fill(T::ZERO);
        for (p, t) in tw.chunks_exact(2).take(r).enumerate() {
            let (wr, wi) = (t[0], t[1]);
            let x = &xb[2 * (k * m + c0 + p * h)..][..2 * run];
            for (o, v) in y.chunks_exact_mut(2).zip(x.chunks_exact(2)) {
                o[0] = o[0] + (v[0] * wr - v[1] * wi);
                o[1] = o[1] + (v[0] * wi + v[1] * wr);
            }
        }
        done += run;
    }
}

/// Step `l` of one transform `xb` of length `n` into `yb`.
fn butterflies<T: Re>(xb: &[T], yb: &mut [T], w: &[T], n: usize, l: usize) {
    let (lo, hi) = yb.split_at_mut(n);
    halves(xb, lo, hi, w, n, l, 0);
}

/// Butterflies `p0, p0 + 1, …` (`p = k·h + c`) of step `l` of the transform `xb`:
/// `E ± w·O` into rows `k` (`lo`) and `k + l` (`hi`) of its output.
fn halves<T: Re>(xb: &[T], lo: &mut [T], hi: &mut [T], w: &[T], n: usize, l: usize, p0: usize) {
    let h = n / l / 2;
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
}
