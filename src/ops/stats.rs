//! Statistics composed from kernels every backend already has, so each runs on every
//! device with nothing downloaded (except `allclose`, whose answer is a host `bool`):
//! quantiles and medians (sort along the axis, then NumPy's linear interpolation between
//! two order statistics; the NaN-ignoring ones at each slice's own positions), NumPy's
//! NaN-ignoring reductions (NaNs replaced by the
//! reduction's identity with `where`; all-NaN slices are NaN again), and
//! `isclose`/`allclose`.

use super::elementwise::where_;
use crate::array::Array;
use crate::dtype::Float;
use crate::error::{Error, Result};
use crate::layout::normalize_axis;

/// The binning of a histogram: each counted element's bin, the mask of counted
/// elements (flat order), and the `bins + 1` edges.
struct Bins<T: Float> {
    bin: Array<u32>,
    keep: Array<bool>,
    edges: Array<T>,
}

/// Per slice of `count` numbers (of `n` places), the places of the order statistics
/// around `q·(count − 1)` and `method`'s weight of the second, computed in `F`.
fn positions<F: Float>(
    count: &Array<u32>,
    q: f64,
    n: usize,
    method: QuantileMethod,
) -> Result<(Array<u32>, Array<u32>, Array<F>)> {
    let pos = count.cast::<F>()?.sub_scalar(F::ONE)?.maximum_scalar(F::ZERO)?.mul_scalar(F::from_f64(q))?;
    let lo = pos.floor()?;
    let hi = lo.add_scalar(F::ONE)?.minimum_scalar(F::from_f64((n - 1) as f64))?;
    let (lo, t) = (lo.cast::<u32>()?, pos.sub(&lo)?);
    let w = method.weights(&t, &lo)?;
    Ok((lo, hi.cast::<u32>()?, w))
}

/// NumPy's `_lerp` for one weight `t` in `[0, 1]` shared by every lane: from the nearer
/// end, so the result is monotone in `t` and exact at both ends.
fn lerp<T: Float>(a: &Array<T>, b: &Array<T>, t: f64) -> Result<Array<T>> {
    if t == 0.0 {
        return a.contiguous();
    }
    if t == 1.0 {
        return b.contiguous();
    }
    let diff = b.sub(a)?;
    if t >= 0.5 {
        b.sub(&diff.mul_scalar(T::from_f64(1.0 - t))?)
    } else {
        a.add(&diff.mul_scalar(T::from_f64(t))?)
    }
}

/// How a quantile between the two order statistics `a ≤ b` around its position
/// `q·(n − 1)` is taken (NumPy's `method`: its default and the four discontinuous ones
/// of NumPy before 1.22, `interpolation=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuantileMethod {
    /// `a + (b − a)·t`, `t` the fractional part of the position (`"linear"`).
    #[default]
    Linear,
    /// `a` (`"lower"`).
    Lower,
    /// `b`, or `a` at a whole position (`"higher"`).
    Higher,
    /// The nearer of the two, ties to the even position (`"nearest"`: NumPy rounds the
    /// position half to even).
    Nearest,
    /// Halfway between them, or `a` at a whole position (`"midpoint"`).
    Midpoint,
}

impl QuantileMethod {
    /// The weight of `b` for the fractional part `t` of a position whose whole part is
    /// `lo`.
    fn weight(self, t: f64, lo: usize) -> f64 {
        let step = |on: bool, w: f64| if on { w } else { 0.0 };
        match self {
            QuantileMethod::Linear => t,
            QuantileMethod::Lower => 0.0,
            QuantileMethod::Higher => step(t > 0.0, 1.0),
            QuantileMethod::Nearest => step(t > 0.5 || (t == 0.5 && lo % 2 == 1), 1.0),
            QuantileMethod::Midpoint => step(t > 0.0, 0.5),
        }
    }

    /// [`QuantileMethod::weight`] per lane.
    fn weights<F: Float>(self, t: &Array<F>, lo: &Array<u32>) -> Result<Array<F>> {
        let step = |on: Array<bool>, w: f64| on.cast::<F>()?.mul_scalar(F::from_f64(w));
        match self {
            QuantileMethod::Linear => Ok(t.clone()),
            QuantileMethod::Lower => Array::zeros(t.shape(), t.device()),
            QuantileMethod::Higher => step(t.gt_scalar(F::ZERO)?, 1.0),
            QuantileMethod::Nearest => {
                let odd = lo.bitwise_and_scalar(1)?.eq_scalar(1)?;
                let tie = t.eq_scalar(F::from_f64(0.5))?.logical_and(&odd)?;
                step(t.gt_scalar(F::from_f64(0.5))?.logical_or(&tie)?, 1.0)
            }
            QuantileMethod::Midpoint => step(t.gt_scalar(F::ZERO)?, 0.5),
        }
    }
}

impl<T: Float> Array<T> {
    /// The `q`-th quantile of all elements (NumPy's `np.quantile(a, q)`, method
    /// `"linear"`), as a 0-d array on the device. See [`quantile_axis`](Array::quantile_axis).
    ///
    /// # Errors
    /// As [`quantile_axis`](Array::quantile_axis).
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![4.0f64, 1.0, 3.0, 2.0], [2, 2])?;
    /// assert_eq!(a.quantile(0.25)?.item()?, 1.75);
    /// assert_eq!(a.median()?.item()?, 2.5);
    /// assert_eq!(a.percentile(100.0)?.item()?, 4.0);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn quantile(&self, q: f64) -> Result<Array<T>> {
        self.reshape([self.len()])?.quantile_axis(q, 0, false)
    }

    /// The `q`-th quantile along `axis` (NumPy's `np.quantile(a, q, axis, keepdims)`,
    /// method `"linear"`): with the slice sorted, the value at position `q·(n−1)`,
    /// interpolated linearly between its two neighbours as NumPy does. A slice holding
    /// a NaN gives NaN. At a whole position the order statistic itself is returned,
    /// where NumPy computes `a + (b − a)·0` (NaN, with a warning, when `b` is infinite).
    /// The order statistics come from [`partition`](Array::partition)'s selection
    /// (`O(n)` on the CPU backend, as NumPy's; GPUs sort the axis).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for `q` outside `[0, 1]` (or NaN);
    /// [`Error::AxisOutOfRange`]; [`Error::EmptyReduction`] when the axis is empty.
    pub fn quantile_axis(&self, q: f64, axis: isize, keepdims: bool) -> Result<Array<T>> {
        self.quantile_axis_with(q, axis, keepdims, QuantileMethod::Linear)
    }

    /// [`quantile_axis`](Array::quantile_axis) by another of NumPy's methods (`np.quantile(a,
    /// q, axis, method=...)`).
    ///
    /// ```
    /// use gpu::{Array, QuantileMethod};
    /// let a = Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], [4])?; // position 0.4·3 = 1.2
    /// let q = |m| a.quantile_axis_with(0.4, 0, false, m).and_then(|v| v.item());
    /// assert_eq!(q(QuantileMethod::Lower)?, 2.0);
    /// assert_eq!(q(QuantileMethod::Higher)?, 3.0);
    /// assert_eq!(q(QuantileMethod::Nearest)?, 2.0);
    /// assert_eq!(q(QuantileMethod::Midpoint)?, 2.5);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`quantile_axis`](Array::quantile_axis).
    pub fn quantile_axis_with(&self, q: f64, axis: isize, keepdims: bool, method: QuantileMethod) -> Result<Array<T>> {
        if !(0.0..=1.0).contains(&q) {
            return Err(Error::InvalidArgument { op: "quantile", reason: format!("q = {q} is outside [0, 1]") });
        }
        let low = |n: usize| ((q * (n - 1) as f64).floor() as usize).min(n - 1);
        let ranks = |n: usize| vec![low(n), (low(n) + 1).min(n - 1)];
        self.order_statistic("quantile", axis, keepdims, ranks, |sorted, ax, n| {
            let pos = q * (n - 1) as f64;
            let lo = low(n);
            let a = sorted.index_axis(ax as isize, lo as isize)?;
            if lo + 1 == n {
                return a.contiguous();
            }
            lerp(&a, &sorted.index_axis(ax as isize, (lo + 1) as isize)?, method.weight(pos - lo as f64, lo))
        })
    }

    /// The `p`-th percentile of all elements: [`quantile`](Array::quantile) of `p / 100`.
    ///
    /// # Errors
    /// As [`quantile_axis`](Array::quantile_axis), for `p` outside `[0, 100]`.
    pub fn percentile(&self, p: f64) -> Result<Array<T>> {
        self.quantile(p / 100.0)
    }

    /// The `p`-th percentile along `axis`: [`quantile_axis`](Array::quantile_axis) of
    /// `p / 100`.
    ///
    /// # Errors
    /// As [`quantile_axis`](Array::quantile_axis), for `p` outside `[0, 100]`.
    pub fn percentile_axis(&self, p: f64, axis: isize, keepdims: bool) -> Result<Array<T>> {
        self.quantile_axis(p / 100.0, axis, keepdims)
    }

    /// The median of all elements, as a 0-d array on the device (NumPy's `np.median`).
    ///
    /// # Errors
    /// As [`median_axis`](Array::median_axis).
    pub fn median(&self) -> Result<Array<T>> {
        self.reshape([self.len()])?.median_axis(0, false)
    }

    /// The median along `axis` (NumPy's `np.median(a, axis, keepdims)`): the middle
    /// element of the sorted slice, or the mean `(a + b) / 2` of the middle two, as
    /// NumPy computes it. A slice holding a NaN gives NaN.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`]; [`Error::EmptyReduction`] when the axis is empty.
    pub fn median_axis(&self, axis: isize, keepdims: bool) -> Result<Array<T>> {
        let ranks = |n: usize| vec![(n - 1) / 2, n / 2];
        self.order_statistic("median", axis, keepdims, ranks, |sorted, ax, n| {
            let a = sorted.index_axis(ax as isize, ((n - 1) / 2) as isize)?;
            if n % 2 == 1 {
                return a.contiguous();
            }
            let b = sorted.index_axis(ax as isize, (n / 2) as isize)?;
            a.add(&b)?.mul_scalar(T::from_f64(0.5))
        })
    }

    /// The `q`-th quantile along `axis` ignoring NaN (NumPy's `np.nanquantile(a, q, axis,
    /// keepdims)`, method `"linear"`): [`quantile_axis`](Array::quantile_axis) of each
    /// slice's numbers, NaN for a slice of NaNs only (where NumPy also warns). One sort
    /// of the axis (NaN last), then each slice's two order statistics gathered at its own
    /// position `q·(c − 1)`, `c` its count of numbers, and NumPy's interpolation.
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![4.0f32, f32::NAN, 1.0, 2.0, f32::NAN, f32::NAN], [2, 3])?;
    /// assert_eq!(a.nanquantile_axis(0.5, 1, false)?.to_vec()?[0], 2.5);
    /// assert!(a.nanmedian_axis(1, false)?.to_vec()?[1] == 2.0);
    /// assert_eq!(a.nanpercentile(100.0)?.item()?, 4.0);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`quantile_axis`](Array::quantile_axis).
    pub fn nanquantile_axis(&self, q: f64, axis: isize, keepdims: bool) -> Result<Array<T>> {
        self.nanquantile_axis_with(q, axis, keepdims, QuantileMethod::Linear)
    }

    /// [`nanquantile_axis`](Array::nanquantile_axis) by another of NumPy's methods.
    ///
    /// # Errors
    /// As [`quantile_axis`](Array::quantile_axis).
    pub fn nanquantile_axis_with(
        &self,
        q: f64,
        axis: isize,
        keepdims: bool,
        method: QuantileMethod,
    ) -> Result<Array<T>> {
        if !(0.0..=1.0).contains(&q) {
            return Err(Error::InvalidArgument { op: "nanquantile", reason: format!("q = {q} is outside [0, 1]") });
        }
        self.nan_order_statistic("nanquantile", q, method, axis, keepdims, |a, b, w| {
            // NumPy's _lerp with a weight per lane: from the nearer end; `a` itself at 0
            // and `b` at 1.
            let diff = b.sub(a)?;
            let low = a.add(&diff.mul(w)?)?;
            let high = b.sub(&diff.mul(&w.neg()?.add_scalar(T::ONE)?)?)?;
            let inner = where_(&w.ge_scalar(T::from_f64(0.5))?, &high, &low)?;
            where_(&w.eq_scalar(T::ZERO)?, a, &where_(&w.eq_scalar(T::ONE)?, b, &inner)?)
        })
    }

    /// [`nanquantile_axis`](Array::nanquantile_axis) of all elements, as a 0-d array.
    ///
    /// # Errors
    /// As [`nanquantile_axis`](Array::nanquantile_axis).
    pub fn nanquantile(&self, q: f64) -> Result<Array<T>> {
        self.reshape([self.len()])?.nanquantile_axis(q, 0, false)
    }

    /// The `p`-th percentile ignoring NaN (NumPy's `np.nanpercentile`):
    /// [`nanquantile_axis`](Array::nanquantile_axis) of `p / 100`.
    ///
    /// # Errors
    /// As [`nanquantile_axis`](Array::nanquantile_axis), for `p` outside `[0, 100]`.
    pub fn nanpercentile_axis(&self, p: f64, axis: isize, keepdims: bool) -> Result<Array<T>> {
        self.nanquantile_axis(p / 100.0, axis, keepdims)
    }

    /// [`nanpercentile_axis`](Array::nanpercentile_axis) of all elements, as a 0-d array.
    ///
    /// # Errors
    /// As [`nanquantile_axis`](Array::nanquantile_axis), for `p` outside `[0, 100]`.
    pub fn nanpercentile(&self, p: f64) -> Result<Array<T>> {
        self.nanquantile(p / 100.0)
    }

    /// The median along `axis` ignoring NaN (NumPy's `np.nanmedian(a, axis, keepdims)`):
    /// the middle number of each slice, or the mean `(a + b) / 2` of the middle two as
    /// NumPy computes it; NaN for a slice of NaNs only.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`]; [`Error::EmptyReduction`] when the axis is empty.
    pub fn nanmedian_axis(&self, axis: isize, keepdims: bool) -> Result<Array<T>> {
        self.nan_order_statistic("nanmedian", 0.5, QuantileMethod::Linear, axis, keepdims, |a, b, t| {
            where_(&t.eq_scalar(T::ZERO)?, a, &a.add(b)?.mul_scalar(T::from_f64(0.5))?)
        })
    }

    /// [`nanmedian_axis`](Array::nanmedian_axis) of all elements, as a 0-d array.
    ///
    /// # Errors
    /// As [`nanmedian_axis`](Array::nanmedian_axis).
    pub fn nanmedian(&self) -> Result<Array<T>> {
        self.reshape([self.len()])?.nanmedian_axis(0, false)
    }

    /// Sorts along `axis` (NaN last) and gathers, per slice of `c` numbers, the order
    /// statistics `a` at `⌊q·(c − 1)⌋` and `b` after it; `combine(a, b, w)` with `w`
    /// the `method`'s weight of `b` makes the value; slices without numbers are NaN.
    fn nan_order_statistic(
        &self,
        op: &'static str,
        q: f64,
        method: QuantileMethod,
        axis: isize,
        keepdims: bool,
        combine: impl FnOnce(&Array<T>, &Array<T>, &Array<T>) -> Result<Array<T>>,
    ) -> Result<Array<T>> {
        let ax = normalize_axis(axis, self.shape())?;
        let n = self.shape()[ax];
        if n == 0 {
            return Err(Error::EmptyReduction { op, shape: self.shape().to_vec() });
        }
        let sorted = self.sort(ax as isize)?;
        let count = self.isnan()?.logical_not()?.cast::<u32>()?.sum_axis(ax as isize, true)?;
        // Positions in f64 where the device has it (exact as NumPy's: in f32, a count
        // past 2^24 would round), else in f32.
        let (lo, hi, t) = if self.device().supports(crate::dtype::DType::F64) {
            let (lo, hi, t) = positions::<f64>(&count, q, n, method)?;
            (lo, hi, t.cast::<T>()?)
        } else {
            positions::<T>(&count, q, n, method)?
        };
        let a = sorted.take_along_axis(&lo, ax as isize)?;
        let b = sorted.take_along_axis(&hi, ax as isize)?;
        let value = combine(&a, &b, &t)?;
        let out = where_(&count.eq_scalar(0)?, &Array::full(value.shape(), T::NAN, self.device())?, &value)?;
        if keepdims {
            Ok(out)
        } else {
            out.squeeze(ax as isize)
        }
    }

    /// Puts the `ranks(n)` along `axis` in place (and the last, where a NaN sorts), lets
    /// `pick(partitioned, axis, n)` combine those order statistics (an array with `axis`
    /// removed), and makes slices holding a NaN NaN.
    fn order_statistic(
        &self,
        op: &'static str,
        axis: isize,
        keepdims: bool,
        ranks: impl FnOnce(usize) -> Vec<usize>,
        pick: impl FnOnce(&Array<T>, usize, usize) -> Result<Array<T>>,
    ) -> Result<Array<T>> {
        let ax = normalize_axis(axis, self.shape())?;
        let n = self.shape()[ax];
        if n == 0 {
            return Err(Error::EmptyReduction { op, shape: self.shape().to_vec() });
        }
        let mut kth = ranks(n);
        kth.push(n - 1);
        kth.sort_unstable();
        kth.dedup();
        let sorted = self.partitioned(ax as isize, &kth)?;
        let value = pick(&sorted, ax, n)?;
        let last = sorted.index_axis(ax as isize, (n - 1) as isize)?;
        let out = where_(&last.isnan()?, &last, &value)?;
        if keepdims {
            out.unsqueeze(ax as isize)
        } else {
            Ok(out)
        }
    }

    /// Sum of all elements treating NaN as 0 (NumPy's `np.nansum`), as a 0-d array on
    /// the device; 0 when every element is NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`.
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![1.0f32, f32::NAN, 3.0, f32::NAN], [2, 2])?;
    /// assert_eq!(a.nansum()?.item()?, 4.0);
    /// let m = a.nanmean_axis(0, false)?.to_vec()?; // columns [1, 3] and [NaN, NaN]
    /// assert_eq!(m[0], 2.0);
    /// assert!(m[1].is_nan());
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn nansum(&self) -> Result<Array<T>> {
        self.without_nans(T::from_f64(0.0))?.sum()
    }

    /// [`nansum`](Array::nansum) along `axis`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`].
    pub fn nansum_axis(&self, axis: isize, keepdims: bool) -> Result<Array<T>> {
        self.without_nans(T::from_f64(0.0))?.sum_axis(axis, keepdims)
    }

    /// Mean of the non-NaN elements (NumPy's `np.nanmean`), as a 0-d array on the
    /// device; NaN when there are none.
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`.
    pub fn nanmean(&self) -> Result<Array<T>> {
        self.reshape([self.len()])?.nanmean_axis(0, false)
    }

    /// [`nanmean`](Array::nanmean) along `axis`: the NaN-free sum over the count of
    /// non-NaN elements (`0 / 0 = NaN` for an all-NaN slice).
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`].
    pub fn nanmean_axis(&self, axis: isize, keepdims: bool) -> Result<Array<T>> {
        let count = self.isnan()?.logical_not()?.cast::<T>()?.sum_axis(axis, keepdims)?;
        self.nansum_axis(axis, keepdims)?.div(&count)
    }

    /// Maximum ignoring NaN (NumPy's `np.nanmax`), as a 0-d array on the device; NaN
    /// when every element is NaN.
    ///
    /// # Errors
    /// [`Error::EmptyReduction`] for an empty array.
    pub fn nanmax(&self) -> Result<Array<T>> {
        self.reshape([self.len()])?.nanmax_axis(0, false)
    }

    /// [`nanmax`](Array::nanmax) along `axis`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`]; [`Error::EmptyReduction`] when the axis is empty.
    pub fn nanmax_axis(&self, axis: isize, keepdims: bool) -> Result<Array<T>> {
        let m = self.without_nans(T::from_f64(f64::NEG_INFINITY))?.max_axis(axis, keepdims)?;
        self.nan_where_all_nan(m, axis, keepdims)
    }

    /// Minimum ignoring NaN (NumPy's `np.nanmin`), as a 0-d array on the device; NaN
    /// when every element is NaN.
    ///
    /// # Errors
    /// [`Error::EmptyReduction`] for an empty array.
    pub fn nanmin(&self) -> Result<Array<T>> {
        self.reshape([self.len()])?.nanmin_axis(0, false)
    }

    /// [`nanmin`](Array::nanmin) along `axis`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`]; [`Error::EmptyReduction`] when the axis is empty.
    pub fn nanmin_axis(&self, axis: isize, keepdims: bool) -> Result<Array<T>> {
        let m = self.without_nans(T::from_f64(f64::INFINITY))?.min_axis(axis, keepdims)?;
        self.nan_where_all_nan(m, axis, keepdims)
    }

    /// Product of all elements treating NaN as 1 (NumPy's `np.nanprod`), as a 0-d array
    /// on the device; 1 when every element is NaN.
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![2.0f32, f32::NAN, 3.0, f32::NAN], [2, 2])?;
    /// assert_eq!(a.nanprod()?.item()?, 6.0);
    /// assert_eq!(a.nanprod_axis(0, false)?.to_vec()?, [6.0, 1.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn nanprod(&self) -> Result<Array<T>> {
        self.without_nans(T::ONE)?.prod()
    }

    /// [`nanprod`](Array::nanprod) along `axis`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`].
    pub fn nanprod_axis(&self, axis: isize, keepdims: bool) -> Result<Array<T>> {
        self.without_nans(T::ONE)?.prod_axis(axis, keepdims)
    }

    /// Population variance (ddof = 0) of the non-NaN elements (NumPy's `np.nanvar`), as a
    /// 0-d array on the device; NaN when there are none.
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1.0f64, f64::NAN, 3.0, 5.0], [4])?;
    /// assert!((a.nanvar()?.item()? - 8.0 / 3.0).abs() < 1e-12);
    /// assert!((a.nanstd()?.item()? - (8.0f64 / 3.0).sqrt()).abs() < 1e-12);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn nanvar(&self) -> Result<Array<T>> {
        self.reshape([self.len()])?.nanvar_axis(0, false)
    }

    /// [`nanvar`](Array::nanvar) along `axis`: two passes, the squared deviations from
    /// the NaN-free mean summed over the non-NaN elements and divided by their count.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`].
    pub fn nanvar_axis(&self, axis: isize, keepdims: bool) -> Result<Array<T>> {
        let nan = self.isnan()?;
        let count = nan.logical_not()?.cast::<T>()?.sum_axis(axis, keepdims)?;
        let mean = self.nanmean_axis(axis, true)?;
        let dev = where_(&nan, &Array::scalar(T::ZERO, self.device())?, &self.sub(&mean)?)?;
        dev.square()?.sum_axis(axis, keepdims)?.div(&count)
    }

    /// Population standard deviation of the non-NaN elements (NumPy's `np.nanstd`):
    /// `sqrt(nanvar)`.
    ///
    /// # Errors
    /// [`Error::Unsupported`] when the device lacks kernels for `T`.
    pub fn nanstd(&self) -> Result<Array<T>> {
        self.nanvar()?.sqrt()
    }

    /// [`nanstd`](Array::nanstd) along `axis`.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`].
    pub fn nanstd_axis(&self, axis: isize, keepdims: bool) -> Result<Array<T>> {
        self.nanvar_axis(axis, keepdims)?.sqrt()
    }

    /// Index of the first maximum ignoring NaN (NumPy's `np.nanargmax`) of the flattened
    /// array, as a 0-d `u32` array on the device. NaN counts as −∞, so the first maximum
    /// is found as NumPy finds it; an array of NaNs only is an error, as NumPy's
    /// `ValueError` (one `bool` is downloaded to tell).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when every element is NaN; [`Error::EmptyReduction`]
    /// for an empty array.
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![f32::NAN, 4.0, 7.0, f32::NAN, -1.0], [5])?;
    /// assert_eq!(a.nanargmax()?.item()?, 2);
    /// assert_eq!(a.nanargmin()?.item()?, 4);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn nanargmax(&self) -> Result<Array<u32>> {
        self.reshape([self.len()])?.nanargmax_axis(0, false)
    }

    /// [`nanargmax`](Array::nanargmax) along `axis`: an error if any slice is all NaN.
    ///
    /// # Errors
    /// [`Error::AxisOutOfRange`]; [`Error::InvalidArgument`] for an all-NaN slice;
    /// [`Error::EmptyReduction`] when the axis is empty.
    pub fn nanargmax_axis(&self, axis: isize, keepdims: bool) -> Result<Array<u32>> {
        self.check_no_all_nan_slice("nanargmax", axis)?;
        self.without_nans(T::from_f64(f64::NEG_INFINITY))?.argmax_axis(axis, keepdims)
    }

    /// Index of the first minimum ignoring NaN (NumPy's `np.nanargmin`); see
    /// [`nanargmax`](Array::nanargmax).
    ///
    /// # Errors
    /// As [`nanargmax`](Array::nanargmax).
    pub fn nanargmin(&self) -> Result<Array<u32>> {
        self.reshape([self.len()])?.nanargmin_axis(0, false)
    }

    /// [`nanargmin`](Array::nanargmin) along `axis`.
    ///
    /// # Errors
    /// As [`nanargmax_axis`](Array::nanargmax_axis).
    pub fn nanargmin_axis(&self, axis: isize, keepdims: bool) -> Result<Array<u32>> {
        self.check_no_all_nan_slice("nanargmin", axis)?;
        self.without_nans(T::from_f64(f64::INFINITY))?.argmin_axis(axis, keepdims)
    }

    /// Cumulative sum along `axis` treating NaN as 0 (NumPy's `np.nancumsum`).
    ///
    /// # Errors
    /// As [`cumsum`](Array::cumsum).
    ///
    /// ```
    /// let a = gpu::Array::from_vec(vec![1.0f32, f32::NAN, 3.0, 2.0], [4])?;
    /// assert_eq!(a.nancumsum(0)?.to_vec()?, [1.0, 1.0, 4.0, 6.0]);
    /// assert_eq!(a.nancumprod(0)?.to_vec()?, [1.0, 1.0, 3.0, 6.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn nancumsum(&self, axis: isize) -> Result<Array<T>> {
        self.without_nans(T::ZERO)?.cumsum(axis)
    }

    /// Cumulative product along `axis` treating NaN as 1 (NumPy's `np.nancumprod`).
    ///
    /// # Errors
    /// As [`cumprod`](Array::cumprod).
    pub fn nancumprod(&self, axis: isize) -> Result<Array<T>> {
        self.without_nans(T::ONE)?.cumprod(axis)
    }

    /// [`Error::InvalidArgument`] when a slice along `axis` is all NaN (one `bool`
    /// downloaded); [`Error::EmptyReduction`] when the axis is empty.
    fn check_no_all_nan_slice(&self, op: &'static str, axis: isize) -> Result<()> {
        let ax = normalize_axis(axis, self.shape())?;
        if self.shape()[ax] == 0 {
            return Err(Error::EmptyReduction { op, shape: self.shape().to_vec() });
        }
        if self.is_empty() {
            return Ok(());
        }
        if self.isnan()?.all_axis(axis, false)?.any()?.item()? {
            let reason = format!("all-NaN slice along axis {axis} of shape {:?}", self.shape());
            return Err(Error::InvalidArgument { op, reason });
        }
        Ok(())
    }

    /// `self` with every NaN replaced by `fill`.
    fn without_nans(&self, fill: T) -> Result<Array<T>> {
        where_(&self.isnan()?, &Array::scalar(fill, self.device())?, self)
    }

    /// `reduced` with NaN where the reduced slice of `self` was all NaN.
    fn nan_where_all_nan(&self, reduced: Array<T>, axis: isize, keepdims: bool) -> Result<Array<T>> {
        let all_nan = self.isnan()?.all_axis(axis, keepdims)?;
        where_(&all_nan, &Array::scalar(T::from_f64(f64::NAN), self.device())?, &reduced)
    }

    /// Counts of the elements in `bins` equal-width bins over `range` (NumPy's
    /// `np.histogram(a, bins, range)`), and the `bins + 1` edges. Bin `k` holds
    /// `edges[k] <= x < edges[k + 1]`, the last bin also `x == edges[bins]`; elements
    /// outside the range, and NaN, are not counted. Without a range it is the data's
    /// `[min, max]` (widened by ½ on each side when they are equal; `[0, 1]` for an empty
    /// array), which downloads the two values. The edges come from
    /// [`linspace`](Array::linspace); counting is `searchsorted` then `bincount` on the
    /// device (each downloads one number: the count kept, the largest bin).
    ///
    /// Weighted (`weights=`): [`histogram_weighted`](Array::histogram_weighted).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for `bins == 0`, a non-finite range or one with
    /// `min > max` (NaN in the data without a range makes the range non-finite).
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![0.0f64, 0.5, 1.0, 1.5, 2.0], [5])?;
    /// let (counts, edges) = a.histogram(2, None)?;
    /// assert_eq!((counts.to_vec()?, edges.to_vec()?), (vec![2, 3], vec![0.0, 1.0, 2.0]));
    /// let (counts, _) = a.histogram(3, Some((0.0, 3.0)))?;
    /// assert_eq!(counts.to_vec()?, vec![2, 2, 1]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn histogram(&self, bins: usize, range: Option<(f64, f64)>) -> Result<(Array<u32>, Array<T>)> {
        let b = self.histogram_bins(bins, range)?;
        Ok((b.bin.bincount(bins)?, b.edges))
    }

    /// A weighted [`histogram`](Array::histogram) (NumPy's `np.histogram(a, bins, range,
    /// weights=w)`): each bin holds the sum of the weights of its elements; `weights`
    /// has this array's shape. The sums are [`scatter_add`](Array::scatter_add)s, so
    /// their order (and last bits) is the backend's, and f64 on wgpu is unsupported.
    ///
    /// # Errors
    /// As [`histogram`](Array::histogram); [`Error::BroadcastTo`] unless `weights` has
    /// this array's shape; [`Error::DeviceMismatch`]; [`Error::Unsupported`] for f64 on
    /// wgpu.
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![0.2f32, 0.7, 0.9, 5.0], [4])?;
    /// let w = Array::from_vec(vec![1.0f32, 0.5, 0.25, 9.0], [4])?;
    /// let (sums, _) = a.histogram_weighted(&w, 2, Some((0.0, 1.0)))?;
    /// assert_eq!(sums.to_vec()?, vec![1.0, 0.75]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn histogram_weighted(
        &self,
        weights: &Array<T>,
        bins: usize,
        range: Option<(f64, f64)>,
    ) -> Result<(Array<T>, Array<T>)> {
        super::common_device("histogram_weighted", self.device(), weights.device())?;
        if weights.shape() != self.shape() {
            return Err(Error::BroadcastTo { from: weights.shape().to_vec(), to: self.shape().to_vec() });
        }
        let b = self.histogram_bins(bins, range)?;
        let w = weights.reshape([weights.len()])?.extract(&b.keep)?;
        let mut sums = Array::zeros([bins], self.device())?;
        sums.scatter_add(&b.bin, &w)?;
        Ok((sums, b.edges))
    }

    /// The bin of every counted element (in flat order), which elements count, and the
    /// edges: what `histogram` and `histogram_weighted` share.
    fn histogram_bins(&self, bins: usize, range: Option<(f64, f64)>) -> Result<Bins<T>> {
        let (lo, hi, edges) = self.histogram_edges("histogram", bins, range)?;
        let flat = self.reshape([self.len()])?;
        let keep = flat.ge_scalar(lo)?.logical_and(&flat.le_scalar(hi)?)?;
        let inside = flat.extract(&keep)?;
        // Right side: x == edges[k] belongs to bin k; x == hi (position bins + 1) to the last.
        let bin =
            edges.searchsorted(&inside, super::sort::Side::Right)?.sub_scalar(1)?.minimum_scalar(bins as u32 - 1)?;
        Ok(Bins { bin, keep, edges })
    }

    /// The range (given, or the data's `[min, max]`: two values downloaded; widened by ½
    /// each side when empty) and the `bins + 1` equal-width edges of a histogram.
    fn histogram_edges(&self, op: &'static str, bins: usize, range: Option<(f64, f64)>) -> Result<(T, T, Array<T>)> {
        let invalid = |reason: String| Error::InvalidArgument { op, reason };
        if bins == 0 || bins >= u32::MAX as usize {
            return Err(invalid(format!("bins = {bins}: need 1 to {} bins", u32::MAX - 1)));
        }
        let (lo, hi) = match range {
            Some(r) => r,
            None if self.is_empty() => (0.0, 1.0),
            None => (self.min()?.item()?.to_f64(), self.max()?.item()?.to_f64()),
        };
        if !lo.is_finite() || !hi.is_finite() || lo > hi {
            return Err(invalid(format!("the range [{lo}, {hi}] is not finite and increasing")));
        }
        let (lo, hi) = if lo == hi { (lo - 0.5, hi + 0.5) } else { (lo, hi) };
        let (lo, hi) = (T::from_f64(lo), T::from_f64(hi));
        Ok((lo, hi, Array::linspace(lo, hi, bins + 1, self.device())?))
    }

    /// Elementwise `|self − other| <= atol + rtol·|other|` with broadcasting (NumPy's
    /// `np.isclose`; like NumPy, not symmetric in its arguments). Infinities are close
    /// only to the same infinity; NaN is close to NaN only with `equal_nan`.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`], [`Error::DeviceMismatch`].
    ///
    /// ```
    /// use gpu::Array;
    /// let a = Array::from_vec(vec![1e10f64, 1.0, f64::INFINITY, f64::NAN], [4])?;
    /// let b = Array::from_vec(vec![1.00001e10f64, 1.1, f64::INFINITY, f64::NAN], [4])?;
    /// assert_eq!(a.isclose(&b, 1e-5, 1e-8, false)?.to_vec()?, vec![true, false, true, false]);
    /// assert!(!a.allclose(&b, 1e-5, 1e-8, true)?);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn isclose(&self, other: &Array<T>, rtol: f64, atol: f64, equal_nan: bool) -> Result<Array<bool>> {
        let bound = other.abs()?.mul_scalar(T::from_f64(rtol))?.add_scalar(T::from_f64(atol))?;
        let within = self.sub(other)?.abs()?.le(&bound)?.logical_and(&other.isfinite()?)?;
        let close = within.logical_or(&self.eq(other)?)?;
        if equal_nan {
            close.logical_or(&self.isnan()?.logical_and(&other.isnan()?)?)
        } else {
            Ok(close)
        }
    }

    /// Whether every pair is [`isclose`](Array::isclose) (NumPy's `np.allclose`):
    /// computed on the device; one `bool` is downloaded.
    ///
    /// # Errors
    /// As [`isclose`](Array::isclose).
    pub fn allclose(&self, other: &Array<T>, rtol: f64, atol: f64, equal_nan: bool) -> Result<bool> {
        self.isclose(other, rtol, atol, equal_nan)?.all()?.item()
    }
}

/// The two-dimensional histogram of the points `(x[i], y[i])` (NumPy's
/// `np.histogram2d(x, y, bins, range)`): `u32` counts `[bins[0], bins[1]]` and the
/// two sets of equal-width edges. Bins are half-open except the last of each axis, which
/// also holds its upper edge; points outside the range, or with a NaN, are not counted.
/// Without a range each axis spans its data (four values downloaded). Counting is a
/// `searchsorted` per axis, one flat bin index per point (an extra bin for the points
/// left out) and one `bincount` on the device (which downloads its largest bin).
///
/// # Errors
/// [`Error::InvalidArgument`] for zero bins, a range that is not finite and increasing,
/// or `x` and `y` of different shapes; [`Error::DeviceMismatch`]; [`Error::TooLarge`]
/// for more bins than `u32` positions.
///
/// ```
/// use gpu::Array;
/// let x = Array::from_vec(vec![0.0f32, 1.0, 1.0, 2.0], [4])?;
/// let y = Array::from_vec(vec![0.0f32, 0.0, 1.0, 2.0], [4])?;
/// let (h, xe, ye) = gpu::histogram2d(&x, &y, [2, 2], None)?;
/// assert_eq!(h.to_vec()?, [1, 0, 1, 2]); // NumPy: [[1, 0], [1, 2]]
/// assert_eq!((xe.to_vec()?, ye.to_vec()?), (vec![0.0, 1.0, 2.0], vec![0.0, 1.0, 2.0]));
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn histogram2d<T: Float>(
    x: &Array<T>,
    y: &Array<T>,
    bins: [usize; 2],
    range: Option<[(f64, f64); 2]>,
) -> Result<(Array<u32>, Array<T>, Array<T>)> {
    const OP: &str = "histogram2d";
    super::common_device(OP, x.device(), y.device())?;
    if x.shape() != y.shape() {
        let reason = format!("x of shape {:?} and y of shape {:?} must match", x.shape(), y.shape());
        return Err(Error::InvalidArgument { op: OP, reason });
    }
    let cells = bins[0].checked_mul(bins[1]).filter(|&c| c < u32::MAX as usize).ok_or_else(|| Error::TooLarge {
        what: "histogram2d bins (positions are u32)",
        bytes: (bins[0] as u64).saturating_mul(bins[1] as u64),
        limit: u64::from(u32::MAX) - 1,
        device: x.device().to_string(),
    })?;
    let mut index: Option<Array<u32>> = None;
    let mut keep: Option<Array<bool>> = None;
    let mut edges = Vec::with_capacity(2);
    for (d, a) in [x, y].into_iter().enumerate() {
        let (lo, hi, e) = a.histogram_edges(OP, bins[d], range.map(|r| r[d]))?;
        let flat = a.reshape([a.len()])?;
        let inside = flat.ge_scalar(lo)?.logical_and(&flat.le_scalar(hi)?)?;
        // Right side: a value equal to edge k goes to bin k, the upper edge to the last bin
        // (values below the range wrap here and are dropped by the mask).
        let bin = e.searchsorted(&flat, super::sort::Side::Right)?.sub_scalar(1)?.minimum_scalar(bins[d] as u32 - 1)?;
        index = Some(match index {
            None => bin,
            Some(i) => i.mul_scalar(bins[d] as u32)?.add(&bin)?,
        });
        keep = Some(match keep {
            None => inside,
            Some(k) => k.logical_and(&inside)?,
        });
        edges.push(e);
    }
    let (Some(index), Some(keep), Some(ye), Some(xe)) = (index, keep, edges.pop(), edges.pop()) else {
        return Err(Error::InvalidArgument { op: OP, reason: "internal: no axes".into() });
    };
    // Points left out go to one extra bin, dropped after counting.
    let outside = Array::scalar(cells as u32, x.device())?;
    let flat = where_(&keep, &index, &outside)?;
    let counts = flat.bincount(cells + 1)?.slice(0, None, Some(cells as isize), 1)?;
    Ok((counts.reshape(bins)?, xe, ye))
}
