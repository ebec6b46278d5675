//! `gpu::fft` on every backend (f32, f64) against a direct f64 DFT on the host:
//! power-of-two lengths (radix-2 Stockham), lengths with small prime factors
//! (mixed-radix Stockham: 143 = 11·13, 210, 1080, 2187 = 3^7, 17, 3233 = 53·61) and
//! others (Bluestein: 257, 1031; 514 = 2·257 as rfft's half length), batches along
//! either axis (transposed views included), complex input, the inverse, `rfft`/`irfft`
//! (even and odd lengths, views at odd offsets, truncation and zero-padding), `fftn`
//! over two axes, `fftfreq`/`rfftfreq`, constants from NumPy 2.4, and `fftconvolve`
//! against the direct `convolve`; long transforms (2^17, 3^10, 2^5·5^5, 2·3·37·61) and
//! big batches against a host mixed-radix FFT. The tolerance is the FFT's error bound:
//! relative L2 error ≤ 4·(log2 M + 4)·ε, `M` the length itself for a power of two, else
//! Bluestein's padded length (the looser of the two algorithms' bounds; mixed-radix
//! steps of up to 61 terms stay within it).

#[macro_use]
mod common;

use std::f64::consts::PI;

use common::{f64s, noise, to_t, TestValue};
use gpu::fft::Norm;
use gpu::{fft, Array, DType, Device, Error, Float};

/// The DFT of each row of `[rows, n]` complex data, sign `-1` forward, `+1` inverse
/// (unscaled).
fn host_dft(re: &[f64], im: &[f64], n: usize, sign: f64) -> (Vec<f64>, Vec<f64>) {
    let rows = re.len() / n;
    let (mut or, mut oi) = (vec![0.0; re.len()], vec![0.0; re.len()]);
    for r in 0..rows {
        for k in 0..n {
            let (mut sr, mut si) = (0.0, 0.0);
            for j in 0..n {
                let a = sign * 2.0 * PI * ((j * k) % n) as f64 / n as f64;
                let (c, s) = (a.cos(), a.sin());
                let (xr, xi) = (re[r * n + j], im[r * n + j]);
                sr += xr * c - xi * s;
                si += xr * s + xi * c;
            }
            or[r * n + k] = sr;
            oi[r * n + k] = si;
        }
    }
    (or, oi)
}

/// The error bound for length `n` in `T`.
fn bound<T: Float>(n: usize) -> f64 {
    let m = if n.is_power_of_two() { n } else { (2 * n - 1).next_power_of_two() };
    4.0 * (m.trailing_zeros() as f64 + 4.0) * T::EPSILON.to_f64()
}

/// `‖got − want‖₂ ≤ rel · ‖want‖₂` over both parts (absolute against `scale` when the
/// reference is zero).
#[track_caller]
fn assert_close(got: (&[f64], &[f64]), want: (&[f64], &[f64]), rel: f64, scale: f64, what: &str) {
    assert_eq!(got.0.len(), want.0.len(), "{what}: length");
    let err: f64 = got.0.iter().zip(want.0).chain(got.1.iter().zip(want.1)).map(|(g, w)| (g - w).powi(2)).sum();
    let norm: f64 = want.0.iter().chain(want.1).map(|w| w * w).sum();
    let (err, norm) = (err.sqrt(), norm.sqrt().max(scale));
    assert!(err <= rel * norm, "{what}: error {err:e} > {rel:e} · {norm:e}");
}

fn transforms<T: TestValue + Float>(dev: &Device) -> gpu::Result<()> {
    let ty = T::DTYPE;
    for n in [1usize, 2, 8, 64, 1024, 3, 5, 6, 7, 12, 100, 143, 210, 1080, 2187, 17, 3233, 257, 1031, 514] {
        let rows = 3;
        let (hr, hi) = (noise(rows * n, n as u64), noise(rows * n, 1000 + n as u64));
        let (hr, hi): (Vec<f64>, Vec<f64>) =
            (to_t::<T>(&hr).iter().map(|x| x.f64()).collect(), to_t::<T>(&hi).iter().map(|x| x.f64()).collect());
        let re = Array::from_vec(to_t::<T>(&hr), [rows, n])?.to(dev)?;
        let im = Array::from_vec(to_t::<T>(&hi), [rows, n])?.to(dev)?;
        let rel = bound::<T>(n);
        let scale = (n as f64).sqrt();
        let what = |s: &str| format!("{ty} {s} n={n}");
        // Complex input along the last axis.
        let (wr, wi) = host_dft(&hr, &hi, n, -1.0);
        let (gr, gi) = fft::fft(&re, Some(&im), -1)?;
        assert_eq!(gr.shape(), &[rows, n]);
        assert_close((&f64s(&gr), &f64s(&gi)), (&wr, &wi), rel, scale, &what("fft"));
        // Real input.
        let zeros = vec![0.0; rows * n];
        let (rr, ri) = host_dft(&hr, &zeros, n, -1.0);
        let (gr2, gi2) = fft::fft(&re, None, 1)?;
        assert_close((&f64s(&gr2), &f64s(&gi2)), (&rr, &ri), rel, scale, &what("fft of real input"));
        // Along axis 0 of the transposed view: the same transforms.
        let (tr, ti) = fft::fft(&re.t(), Some(&im.t()), 0)?;
        assert_eq!(tr.shape(), &[n, rows]);
        assert_close((&f64s(&tr.t()), &f64s(&ti.t())), (&wr, &wi), rel, scale, &what("fft along axis 0"));
        // The inverse, and the round trip.
        let (ir, ii) = fft::ifft(&re, Some(&im), -1)?;
        let (vr, vi) = host_dft(&hr, &hi, n, 1.0);
        let (vr, vi): (Vec<f64>, Vec<f64>) =
            (vr.iter().map(|x| x / n as f64).collect(), vi.iter().map(|x| x / n as f64).collect());
        assert_close((&f64s(&ir), &f64s(&ii)), (&vr, &vi), rel, 1.0 / scale, &what("ifft"));
        let (br, bi) = fft::ifft(&gr, Some(&gi), -1)?;
        assert_close((&f64s(&br), &f64s(&bi)), (&hr, &hi), 2.0 * rel, 1.0, &what("ifft(fft(x))"));
        // rfft: the first n/2 + 1 values of the real transform.
        let half = n / 2 + 1;
        let (fr, fi) = fft::rfft(&re, -1)?;
        assert_eq!(fr.shape(), &[rows, half]);
        let take = |v: &[f64]| -> Vec<f64> { v.chunks(n).flat_map(|c| c[..half].to_vec()).collect() };
        assert_close((&f64s(&fr), &f64s(&fi)), (&take(&rr), &take(&ri)), rel, scale, &what("rfft"));
        // The same along axis 0 of the transposed view, and from a view at an odd offset
        // (even lengths pair up neighbours: a copy must be made there).
        let (tr, ti) = fft::rfft(&re.t(), 0)?;
        assert_close((&f64s(&tr.t()), &f64s(&ti.t())), (&take(&rr), &take(&ri)), rel, scale, &what("rfft of x.T"));
        let shifted: Vec<f64> = std::iter::once(0.0).chain(hr.iter().copied()).collect();
        let odd = Array::from_vec(to_t::<T>(&shifted), [rows * n + 1])?.to(dev)?.slice(0, Some(1), None, 1)?;
        let (or, oi) = fft::rfft(&odd.reshape([rows, n])?, -1)?;
        assert_close((&f64s(&or), &f64s(&oi)), (&take(&rr), &take(&ri)), rel, scale, &what("rfft at offset 1"));
        // irfft back to the signal (n given: odd lengths need it).
        if n > 1 {
            let back = fft::irfft(&fr, &fi, Some(n), -1)?;
            assert_eq!(back.shape(), &[rows, n]);
            assert_close((&f64s(&back), &[]), (&hr, &[]), 2.0 * rel, 1.0, &what("irfft(rfft(x), n)"));
        }
    }
    // fftn over both axes of [6, 8] (mixed radix then radix 2) against two passes of the host DFT.
    let (r, c) = (6, 8);
    let h: Vec<f64> = to_t::<T>(&noise(r * c, 77)).iter().map(|x| x.f64()).collect();
    let a = Array::from_vec(to_t::<T>(&h), [r, c])?.to(dev)?;
    let (rows_r, rows_i) = host_dft(&h, &vec![0.0; r * c], c, -1.0);
    let t = |v: &[f64]| -> Vec<f64> { (0..r * c).map(|k| v[(k % r) * c + k / r]).collect() };
    let (cr, ci) = host_dft(&t(&rows_r), &t(&rows_i), r, -1.0);
    let back = |v: &[f64]| -> Vec<f64> { (0..r * c).map(|k| v[(k % c) * r + k / c]).collect() };
    let (gr, gi) = fft::fftn(&a, None, &[-2, -1])?;
    assert_close((&f64s(&gr), &f64s(&gi)), (&back(&cr), &back(&ci)), bound::<T>(r) + bound::<T>(c), 7.0, "fftn");
    let (ar, ai) = fft::ifftn(&gr, Some(&gi), &[0, 1])?;
    assert_close(
        (&f64s(&ar), &f64s(&ai)),
        (&h, &vec![0.0; r * c]),
        2.0 * (bound::<T>(r) + bound::<T>(c)),
        1.0,
        "ifftn",
    );
    Ok(())
}

/// A host FFT in f64 (recursive Cooley–Tukey, decimation in time by the smallest prime
/// factor): the reference for transforms too long for the O(n²) DFT.
fn host_fft(re: &[f64], im: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let n = re.len();
    if n == 1 {
        return (re.to_vec(), im.to_vec());
    }
    let p = (2..=n).find(|&p| n.is_multiple_of(p)).unwrap_or(n);
    let m = n / p;
    let pick = |v: &[f64], first: usize| -> Vec<f64> { v.iter().skip(first).step_by(p).copied().collect() };
    let parts: Vec<(Vec<f64>, Vec<f64>)> = (0..p).map(|s| host_fft(&pick(re, s), &pick(im, s))).collect();
    let (mut xr, mut xi) = (vec![0.0; n], vec![0.0; n]);
    for k in 0..n {
        for (s, (pr, pi)) in parts.iter().enumerate() {
            let (sn, cs) = (-2.0 * PI * ((s * k) % n) as f64 / n as f64).sin_cos();
            xr[k] += pr[k % m] * cs - pi[k % m] * sn;
            xi[k] += pr[k % m] * sn + pi[k % m] * cs;
        }
    }
    (xr, xi)
}

/// Long transforms and big batches of short ones (the backends' parallel and chunked
/// paths) against the host FFT, row by row.
fn long_transforms<T: TestValue + Float>(dev: &Device) -> gpu::Result<()> {
    let ty = T::DTYPE;
    for (rows, n) in
        [(2usize, 1usize << 17), (8192, 16), (3, 1 << 12), (2, 59049), (2, 100_000), (512, 1001), (2, 13542)]
    {
        let (hr, hi) = (noise(rows * n, 5 + n as u64), noise(rows * n, 6 + n as u64));
        let (hr, hi): (Vec<f64>, Vec<f64>) =
            (to_t::<T>(&hr).iter().map(|x| x.f64()).collect(), to_t::<T>(&hi).iter().map(|x| x.f64()).collect());
        let re = Array::from_vec(to_t::<T>(&hr), [rows, n])?.to(dev)?;
        let im = Array::from_vec(to_t::<T>(&hi), [rows, n])?.to(dev)?;
        let (gr, gi) = fft::fft(&re, Some(&im), -1)?;
        let (gr, gi) = (f64s(&gr), f64s(&gi));
        for r in 0..rows {
            let row = |v: &[f64]| v[r * n..(r + 1) * n].to_vec();
            let (wr, wi) = host_fft(&row(&hr), &row(&hi));
            let what = format!("{ty} fft of row {r} of [{rows}, {n}]");
            assert_close((&row(&gr), &row(&gi)), (&wr, &wi), bound::<T>(n), (n as f64).sqrt(), &what);
        }
    }
    Ok(())
}

fn numpy_constants<T: TestValue + Float>(dev: &Device) -> gpu::Result<()> {
    let ty = T::DTYPE;
    let x = Array::from_vec(to_t::<T>(&[1.0, 2.0, 0.0, -1.0, 3.0, 0.5]), [6])?.to(dev)?;
    // np.fft.fft([1, 2, 0, -1, 3, 0.5]).
    let (re, im) = fft::fft(&x, None, 0)?;
    let want_re = [5.5, 1.75, -2.75, 2.5, -2.75, 1.75];
    let want_im = [0.0, 1.29903811, -3.89711432, 0.0, 3.89711432, -1.29903811];
    assert_close((&f64s(&re), &f64s(&im)), (&want_re, &want_im), 1e-6, 1.0, &format!("{ty} NumPy fft"));
    // np.fft.irfft(np.fft.rfft(x), 5): truncated to 3 values.
    let (fr, fi) = fft::rfft(&x, 0)?;
    let want = [0.7, 2.62831366, -1.59420315, 1.98174197, 1.78414752];
    assert_close(
        (&f64s(&fft::irfft(&fr, &fi, Some(5), 0)?), &[]),
        (&want, &[]),
        1e-6,
        1.0,
        &format!("{ty} NumPy irfft n=5"),
    );
    // Default n = 2(k - 1) = 6 from k = 4 values: x again.
    let x6 = [1.0, 2.0, 0.0, -1.0, 3.0, 0.5];
    assert_close((&f64s(&fft::irfft(&fr, &fi, None, 0)?), &[]), (&x6, &[]), 1e-6, 1.0, &format!("{ty} irfft"));
    // n = 10: the spectrum zero-padded (np.fft.irfft(np.fft.rfft(x), 10)).
    let want10 =
        [0.85, 1.09725221, 0.90964833, 0.5860869, -0.64259308, -0.85, 1.14537948, 1.99653689, 0.48756526, -0.079876];
    let got10 = f64s(&fft::irfft(&fr, &fi, Some(10), 0)?);
    assert_close((&got10, &[]), (&want10, &[]), 1e-6, 1.0, &format!("{ty} irfft n=10"));
    // np.fft.fftfreq(8, 0.5), np.fft.rfftfreq(7, 2.0).
    assert_eq!(f64s(&fft::fftfreq::<T>(8, 0.5, dev)?), [0.0, 0.25, 0.5, 0.75, -1.0, -0.75, -0.5, -0.25]);
    let rf = f64s(&fft::rfftfreq::<T>(7, 2.0, dev)?);
    assert_close((&rf, &[]), (&[0.0, 1.0 / 14.0, 2.0 / 14.0, 3.0 / 14.0], &[]), 1e-6, 1.0, "rfftfreq");
    Ok(())
}

/// The NumPy-named companions against NumPy 2.4's values: `rfftn`/`irfftn` (odd last
/// axis, default and given `n`), `rfft2`/`irfft2`, `fft2`/`ifft2` against `fftn`,
/// `hfft`/`ihfft`, `fftshift`/`ifftshift` (odd and even axes, chosen axes, integers).
fn numpy_companions<T: TestValue + Float>(dev: &Device) -> gpu::Result<()> {
    let ty = T::DTYPE;
    let what = |s: &str| format!("{ty} {s}");
    let h = [1.0, 2.0, 0.0, -1.0, 3.0, 0.5, -2.0, 4.0, 1.0, 1.0, 2.0, 2.0, -1.0, 0.0, 0.25];
    let x = Array::from_vec(to_t::<T>(&h), [3, 5])?.to(dev)?;
    // np.fft.rfftn(x) for x = [[1, 2, 0, -1, 3], [0.5, -2, 4, 1, 1], [2, 2, -1, 0, 0.25]].
    let want_re = [
        12.75,
        3.004305231718579,
        -0.629305231718579,
        1.125,
        5.405138233539805,
        0.9959816428319446,
        1.125,
        1.6528624334906703,
        -10.42898230986242,
    ];
    let want_im = [
        0.0,
        0.37652140478667595,
        4.175686366543525,
        -1.0825317547305482,
        6.7292137584414675,
        -2.363286953664189,
        1.0825317547305482,
        -6.015921371220102,
        2.804125892883543,
    ];
    let (rr, ri) = fft::rfftn(&x, &[0, 1])?;
    assert_eq!(rr.shape(), &[3, 3]);
    let tol = 4.0 * bound::<T>(5);
    assert_close((&f64s(&rr), &f64s(&ri)), (&want_re, &want_im), tol, 1.0, &what("rfftn"));
    let (r2, i2) = fft::rfft2(&x)?;
    assert_close((&f64s(&r2), &f64s(&i2)), (&want_re, &want_im), tol, 1.0, &what("rfft2"));
    // Back with n = 5: x; by default n = 2·(3 - 1) = 4 (np.fft.irfftn(r)).
    assert_close((&f64s(&fft::irfftn(&rr, &ri, Some(5), &[0, 1])?), &[]), (&h, &[]), tol, 1.0, &what("irfftn n=5"));
    let want4 = [
        2.088525491562421,
        1.906889859561081,
        -1.2655764746872635,
        2.2701611235637613,
        -0.08852549156242095,
        -0.13343238756644138,
        3.765576474687263,
        0.9563814044415995,
        2.5323263079296447,
        1.3831081335416673,
        -0.9719789237889341,
        0.306544482317622,
    ];
    let back4 = fft::irfft2(&rr, &ri, None)?;
    assert_eq!(back4.shape(), &[3, 4]);
    assert_close((&f64s(&back4), &[]), (&want4, &[]), tol, 1.0, &what("irfft2"));
    // A transposed view along axes [1, 0]: the same values, transposed.
    let (tr, ti) = fft::rfftn(&x.t(), &[1, 0])?;
    assert_close((&f64s(&tr.t()), &f64s(&ti.t())), (&want_re, &want_im), tol, 1.0, &what("rfftn of x.T"));
    // fft2 / ifft2 are fftn / ifftn over the last two axes.
    let im = x.mul_scalar(T::from_f64(0.5))?.flip(1)?;
    let (a, b) = (fft::fft2(&x, Some(&im))?, fft::fftn(&x, Some(&im), &[-2, -1])?);
    assert_eq!((a.0.to_vec()?, a.1.to_vec()?), (b.0.to_vec()?, b.1.to_vec()?), "{ty} fft2");
    let (c, d) = (fft::ifft2(&x, Some(&im))?, fft::ifftn(&x, Some(&im), &[0, 1])?);
    assert_eq!((c.0.to_vec()?, c.1.to_vec()?), (d.0.to_vec()?, d.1.to_vec()?), "{ty} ifft2");
    // np.fft.hfft([1, 2+1j, 3-2j, 0.5j]) (n = 6) and with n = 5.
    let hr = Array::from_vec(to_t::<T>(&[1.0, 2.0, 3.0, 0.0]), [4])?.to(dev)?;
    let hi = Array::from_vec(to_t::<T>(&[0.0, 1.0, -2.0, 0.5]), [4])?.to(dev)?;
    let want6 =
        [11.0, -1.7320508075688772, 1.196152422706632, 2.9999999999999996, -9.196152422706632, 1.7320508075688772];
    assert_close((&f64s(&fft::hfft(&hr, &hi, None, 0)?), &[]), (&want6, &[]), tol, 1.0, &what("hfft"));
    let want5 = [11.0, -3.06706196532948, 4.597830558515455, -5.3617625810156655, -2.1690060121703096];
    assert_close((&f64s(&fft::hfft(&hr, &hi, Some(5), -1)?), &[]), (&want5, &[]), tol, 1.0, &what("hfft n=5"));
    // np.fft.ihfft([1, 2, 0, -1, 3]).
    let (yr, yi) = fft::ihfft(&x.index_axis(0, 0)?, 0)?;
    let (wr, wi) = ([1.0, 0.670820393249937, -0.670820393249937], [0.0, -0.07265425280053608, -0.3077683537175253]);
    assert_close((&f64s(&yr), &f64s(&yi)), (&wr, &wi), tol, 1.0, &what("ihfft"));
    // np.fft.fftshift / ifftshift of arange(12).reshape(3, 4), on integers.
    let z = Array::<i32>::arange(0, 12, 1, dev)?.reshape([3, 4])?;
    assert_eq!(fft::fftshift(&z, None)?.to_vec()?, [10, 11, 8, 9, 2, 3, 0, 1, 6, 7, 4, 5]);
    assert_eq!(fft::ifftshift(&z, Some(&[0]))?.to_vec()?, [4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3]);
    assert_eq!(fft::ifftshift(&z, None)?.to_vec()?, [6, 7, 4, 5, 10, 11, 8, 9, 2, 3, 0, 1]);
    assert_eq!(fft::ifftshift(&fft::fftshift(&z.t(), None)?, None)?.to_vec()?, z.t().to_vec()?);
    assert!(matches!(fft::fftshift(&z, Some(&[2])), Err(Error::AxisOutOfRange { .. })));
    assert!(matches!(fft::rfftn(&x, &[]), Err(Error::InvalidArgument { .. })));
    // irfft ignores the imaginary parts at frequency 0 and (n even) n/2, as NumPy; along
    // axis 0 as along the last.
    let (sr, si) = fft::rfft(&x, 1)?;
    let noisy =
        si.add(&Array::from_vec(to_t::<T>(&[5.0, 0.0, -3.0, 5.0, 0.0, -3.0, 5.0, 0.0, -3.0]), [3, 3])?.to(dev)?)?;
    for n in [4, 5] {
        let clean = f64s(&fft::irfft(&sr, &si, Some(n), -1)?);
        let got = fft::irfft(&sr.t(), &noisy.t(), Some(n), 0)?;
        assert_eq!(got.shape(), &[n, 3]);
        let want: Vec<f64> = if n == 4 {
            clean
        } else {
            // Odd n keeps the imaginary part at index 2 (not a Nyquist frequency).
            f64s(&fft::irfft(
                &sr,
                &si.add(
                    &Array::from_vec(to_t::<T>(&[0.0, 0.0, -3.0, 0.0, 0.0, -3.0, 0.0, 0.0, -3.0]), [3, 3])?.to(dev)?,
                )?,
                Some(n),
                -1,
            )?)
        };
        assert_close(
            (&f64s(&got.t()), &[]),
            (&want, &[]),
            tol,
            1.0,
            &what(&format!("irfft n={n} ignoring imaginary parts")),
        );
    }
    // n and norm (np.fft.fft(x, 8, norm="forward") of x = [1, 2, 0, -1, 3, 0.5], …).
    let x = Array::from_vec(to_t::<T>(&[1.0, 2.0, 0.0, -1.0, 3.0, 0.5]), [6])?.to(dev)?;
    let want_re = [
        0.6875,
        -0.02902913087920389,
        0.5,
        -0.4709708691207961,
        0.3125,
        -0.4709708691207961,
        0.5,
        -0.02902913087920389,
    ];
    let want_im = [
        0.0,
        -0.04419417382415922,
        -0.4375,
        -0.04419417382415922,
        0.0,
        0.04419417382415922,
        0.4375,
        0.04419417382415922,
    ];
    let (fr, fi) = fft::fft_with(&x, None, Some(8), 0, Norm::Forward)?;
    assert_close((&f64s(&fr), &f64s(&fi)), (&want_re, &want_im), tol, 1.0, &what("fft n=8 forward"));
    // np.fft.ifft(x + 0.5j·x[::-1], 4, norm="ortho"): truncated.
    let xi = x.flip(0)?.mul_scalar(T::from_f64(0.5))?;
    let (ir, ii) = fft::ifft_with(&x, Some(&xi), Some(4), -1, Norm::Ortho)?;
    let (wr, wi) = ([1.0, -0.25, 0.0, 1.25], [0.625, 1.875, -0.875, -1.125]);
    assert_close((&f64s(&ir), &f64s(&ii)), (&wr, &wi), tol, 1.0, &what("ifft n=4 ortho"));
    // Unitary round trips, and the default norm is the plain transform.
    let (ur, ui) = fft::fft_with(&x, Some(&xi), None, 0, Norm::Ortho)?;
    let (br, bi) = fft::ifft_with(&ur, Some(&ui), None, 0, Norm::Ortho)?;
    assert_close((&f64s(&br), &f64s(&bi)), (&f64s(&x), &f64s(&xi)), tol, 1.0, &what("ortho round trip"));
    let energy =
        |a: &Array<T>, b: &Array<T>| -> gpu::Result<f64> { Ok(f64s(&a.square()?.add(&b.square()?)?).iter().sum()) };
    let (e0, e1) = (energy(&x, &xi)?, energy(&ur, &ui)?);
    assert!((e0 - e1).abs() <= tol * e0, "{ty} Parseval: {e0} vs {e1}");
    let (dr, _) = fft::fft_with(&x, None, None, 0, Norm::default())?;
    assert_eq!(dr.to_vec()?, fft::fft(&x, None, 0)?.0.to_vec()?);
    // np.fft.rfft(x, 5, norm="ortho"), then irfft with n = 5 (ortho) and n = 7 (forward).
    let (rr, ri) = fft::rfft_with(&x, Some(5), 0, Norm::Ortho)?;
    let (wr, wi) = ([2.23606797749979, 1.5, -1.5], [0.0, 0.16245984811645314, 0.6881909602355867]);
    assert_close((&f64s(&rr), &f64s(&ri)), (&wr, &wi), tol, 1.0, &what("rfft n=5 ortho"));
    let back = fft::irfft_with(&rr, &ri, Some(5), 0, Norm::Ortho)?;
    assert_close((&f64s(&back), &[]), (&[1.0, 2.0, 0.0, -1.0, 3.0], &[]), tol, 1.0, &what("irfft ortho"));
    let want7 = [
        2.23606797749979,
        3.1781945850663282,
        4.551828232370842,
        -1.402186687173971,
        -3.2724293763933647,
        3.9909953263053652,
        6.370005784823538,
    ];
    let got7 = fft::irfft_with(&rr, &ri, Some(7), -1, Norm::Forward)?;
    assert_close((&f64s(&got7), &[]), (&want7, &[]), tol, 1.0, &what("irfft n=7 forward"));
    assert!(matches!(fft::fft_with(&x, None, Some(0), 0, Norm::Ortho), Err(Error::InvalidArgument { .. })));
    Ok(())
}

/// `fftconvolve` against the direct `convolve` on the same device, every mode, both
/// orders of the inputs, and N-D inputs against a direct sum on the host (SciPy's
/// modes); error bound `4·(log2 M + 4)·ε·‖a‖·‖v‖` per output (`M` the padded size).
fn convolutions<T: TestValue + Float>(dev: &Device) -> gpu::Result<()> {
    use gpu::ConvolveMode as M;
    let ty = T::DTYPE;
    for (n, k) in [(1usize, 1usize), (5, 3), (3, 5), (100, 7), (7, 100), (1000, 33), (64, 64), (50_000, 3000)] {
        let a = Array::from_vec(to_t::<T>(&noise(n, 90 + n as u64)), [n])?.to(dev)?;
        let v = Array::from_vec(to_t::<T>(&noise(k, 91 + k as u64)), [k])?.to(dev)?;
        let norm = |x: &Array<T>| -> f64 { f64s(x).iter().map(|y| y * y).sum::<f64>().sqrt() };
        let m = (n + k - 1).next_power_of_two();
        let bound = 4.0 * (m.trailing_zeros() as f64 + 4.0) * T::EPSILON.to_f64() * norm(&a) * norm(&v);
        for mode in [M::Full, M::Same, M::Valid] {
            let want = f64s(&gpu::convolve(&a, &v, mode)?);
            let got = gpu::fftconvolve(&a, &v, mode)?;
            assert_eq!(got.shape(), &[want.len()], "{ty} fftconvolve {n}x{k} {mode:?}: shape");
            for (i, (g, w)) in f64s(&got).iter().zip(&want).enumerate() {
                assert!(
                    (g - w).abs() <= bound,
                    "{ty} fftconvolve {n}x{k} {mode:?}: element {i}: {g} vs {w} (bound {bound:e})"
                );
            }
        }
    }
    // N-D (SciPy's modes) against a direct sum on the host.
    let cases: [(&[usize], &[usize]); 5] =
        [(&[13, 9], &[4, 5]), (&[4, 5], &[13, 9]), (&[6, 7], &[6, 7]), (&[3, 4, 5], &[2, 2, 3]), (&[40, 33], &[5, 5])];
    for (n, k) in cases {
        let (ln, lk) = (n.iter().product::<usize>(), k.iter().product::<usize>());
        let (ha, hv) = (to_t::<T>(&noise(ln, 70 + ln as u64)), to_t::<T>(&noise(lk, 71 + lk as u64)));
        let a = Array::from_vec(ha.clone(), n.to_vec())?.to(dev)?;
        let v = Array::from_vec(hv.clone(), k.to_vec())?.to(dev)?;
        let (ha, hv): (Vec<f64>, Vec<f64>) =
            (ha.iter().map(|x| x.f64()).collect(), hv.iter().map(|x| x.f64()).collect());
        let full: Vec<usize> = n.iter().zip(k).map(|(n, k)| n + k - 1).collect();
        let unravel = |mut i: usize, shape: &[usize]| -> Vec<usize> {
            let mut idx = vec![0; shape.len()];
            for d in (0..shape.len()).rev() {
                idx[d] = i % shape[d];
                i /= shape[d];
            }
            idx
        };
        let mut want_full = vec![0.0; full.iter().product()];
        for (i, x) in ha.iter().enumerate() {
            let ia = unravel(i, n);
            for (j, y) in hv.iter().enumerate() {
                let jv = unravel(j, k);
                let o = ia.iter().zip(&jv).zip(&full).fold(0, |acc, ((p, q), f)| acc * f + p + q);
                want_full[o] += x * y;
            }
        }
        let norm = |v: &[f64]| v.iter().map(|y| y * y).sum::<f64>().sqrt();
        let logm: f64 = full.iter().map(|f| f.next_power_of_two().trailing_zeros() as f64).sum();
        let bound = 4.0 * (logm + 4.0) * T::EPSILON.to_f64() * norm(&ha) * norm(&hv);
        let covers = n.iter().zip(k).all(|(n, k)| n >= k) || n.iter().zip(k).all(|(n, k)| k >= n);
        for mode in [M::Full, M::Same, M::Valid] {
            let window: Vec<(usize, usize)> = match mode {
                M::Full => full.iter().map(|&f| (0, f)).collect(),
                M::Same => n.iter().zip(&full).map(|(&n, &f)| ((f - n) / 2, n)).collect(),
                M::Valid => n.iter().zip(k).map(|(&n, &k)| (n.min(k) - 1, n.max(k) - n.min(k) + 1)).collect(),
            };
            let got = gpu::fftconvolve(&a, &v, mode);
            if mode == M::Valid && !covers {
                assert!(matches!(got, Err(Error::InvalidArgument { .. })), "{ty} valid of {n:?} and {k:?}");
                continue;
            }
            let got = got?;
            let shape: Vec<usize> = window.iter().map(|w| w.1).collect();
            assert_eq!(got.shape(), &shape[..], "{ty} fftconvolve {n:?}x{k:?} {mode:?}: shape");
            for (i, g) in f64s(&got).iter().enumerate() {
                let idx = unravel(i, &shape);
                let o = idx.iter().zip(&window).zip(&full).fold(0, |acc, ((p, w), f)| acc * f + p + w.0);
                let w = want_full[o];
                assert!((g - w).abs() <= bound, "{ty} fftconvolve {n:?}x{k:?} {mode:?}: {idx:?}: {g} vs {w}");
            }
        }
    }
    let two_d = Array::<T>::zeros([2, 2], dev)?;
    let one = Array::<T>::ones([3], dev)?;
    assert!(matches!(gpu::fftconvolve(&two_d, &one, M::Full), Err(Error::InvalidArgument { op: "fftconvolve", .. })));
    let scalar = Array::<T>::zeros([], dev)?;
    assert!(matches!(gpu::fftconvolve(&scalar, &scalar, M::Full), Err(Error::InvalidArgument { .. })));
    assert!(matches!(
        gpu::fftconvolve(&one, &Array::<T>::zeros([0], dev)?, M::Full),
        Err(Error::InvalidArgument { .. })
    ));
    Ok(())
}

fn errors(dev: &Device) -> gpu::Result<()> {
    let a = Array::<f32>::ones([2, 3], dev)?;
    let empty = Array::<f32>::zeros([2, 0], dev)?;
    assert!(matches!(fft::fft(&empty, None, -1), Err(Error::InvalidArgument { op: "fft", .. })));
    assert!(matches!(fft::fft(&a, Some(&a.t()), -1), Err(Error::InvalidArgument { op: "fft", .. })));
    assert!(matches!(fft::fft(&a, None, 2), Err(Error::AxisOutOfRange { .. })));
    assert!(matches!(fft::fftn(&a, None, &[]), Err(Error::InvalidArgument { .. })));
    assert!(matches!(
        fft::irfft(&a.slice(1, None, Some(1), 1)?, &a.slice(1, None, Some(1), 1)?, None, -1),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(fft::fftfreq::<f32>(0, 1.0, dev), Err(Error::InvalidArgument { .. })));
    assert!(matches!(fft::rfftfreq::<f32>(4, 0.0, dev), Err(Error::InvalidArgument { .. })));
    if dev.kind() != gpu::DeviceKind::Cpu {
        let host = Array::<f32>::ones([2, 3], &Device::cpu())?;
        assert!(matches!(fft::fft(&a, Some(&host), -1), Err(Error::DeviceMismatch { .. })));
    }
    Ok(())
}

backend_tests! {
    fn transforms_f32(dev) { transforms::<f32>(dev) }
    fn transforms_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        transforms::<f64>(dev)
    }
    fn long_f32(dev) { long_transforms::<f32>(dev) }
    fn long_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        long_transforms::<f64>(dev)
    }
    fn numpy_f32(dev) { numpy_constants::<f32>(dev) }
    fn numpy_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        numpy_constants::<f64>(dev)
    }
    fn companions_f32(dev) { numpy_companions::<f32>(dev) }
    fn companions_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        numpy_companions::<f64>(dev)
    }
    fn fft_errors(dev) { errors(dev) }
    fn fftconvolve_f32(dev) { convolutions::<f32>(dev) }
    fn fftconvolve_f64(dev) {
        if !dev.supports(DType::F64) { return Ok(()) }
        convolutions::<f64>(dev)
    }
}
