//! Tensor contractions composed from views, `matmul`, `dot`, broadcast multiplication
//! and sums: `einsum` (its contraction order comes from `einsum_path.rs`), `tensordot`,
//! `inner`, `vdot` and `kron`. Nothing here has a kernel of its own, so every backend runs them
//! with the kernels it already has.
//!
//! Each contraction of two operands is classified by its labels (NumPy's einsum
//! vocabulary): *batch* labels (in both, still needed afterwards), *contracted* ones (in
//! both, not needed), and each side's *free* ones. With contracted labels it becomes one
//! (batched) `matmul` of `[batch, free_a, contracted] · [batch, contracted, free_b]`;
//! when neither side has free labels, an elementwise product summed over the contracted
//! axes (or one `dot`); without contracted labels, a broadcast multiplication.

use super::linalg::dot_arrays;
use crate::array::Array;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::layout::normalize_axis;
use crate::ops::common_device;
use crate::ops::einsum_path::{plan, EinsumPath};

/// A subscript label: a letter (its code point), or one dimension of an ellipsis
/// (`ELLIPSIS + k`, `k` counted from the left of the widest ellipsis).
use crate::ops::einsum_path::Label;
const ELLIPSIS: Label = 0x1_0000;

/// An operand during a contraction: the array and one label per axis.
struct Term<T: Element> {
    array: Array<T>,
    labels: Vec<Label>,
}

fn invalid(op: &'static str, reason: String) -> Error {
    Error::InvalidArgument { op, reason }
}

impl<T: Element> Term<T> {
    /// Sums the axes whose labels `keep` rejects.
    fn sum_unneeded(self, keep: impl Fn(Label) -> bool) -> Result<Term<T>> {
        let axes: Vec<isize> = (0..self.labels.len()).filter(|&i| !keep(self.labels[i])).map(|i| i as isize).collect();
        if axes.is_empty() {
            return Ok(self);
        }
        let labels = self.labels.iter().copied().filter(|&l| keep(l)).collect();
        Ok(Term { array: self.array.sum_axes(&axes, false)?, labels })
    }

    /// The array with its axes in the order of `order` (labels of this term).
    fn arranged(&self, order: &[Label]) -> Result<Array<T>> {
        let perm: Vec<isize> =
            order.iter().map(|l| self.labels.iter().position(|m| m == l).unwrap_or(0) as isize).collect();
        if perm.iter().enumerate().all(|(i, &p)| p == i as isize) {
            return Ok(self.array.clone());
        }
        self.array.transpose(&perm)
    }

    /// The extent of label `l` in this term.
    fn extent(&self, l: Label) -> usize {
        self.labels.iter().position(|&m| m == l).map_or(1, |i| self.array.shape()[i])
    }
}

/// Contracts two terms; labels `keep` accepts survive (as batch or free labels), the
/// others shared by both are contracted and those in only one are summed first. The
/// result's labels are batch, then `a`'s free, then `b`'s free ones, each in operand order.
fn contract_pair<T: Element>(a: Term<T>, b: Term<T>, keep: &dyn Fn(Label) -> bool) -> Result<Term<T>> {
    let in_a = a.labels.clone();
    let in_b = b.labels.clone();
    let a = a.sum_unneeded(|l| keep(l) || in_b.contains(&l))?;
    let b = b.sum_unneeded(|l| keep(l) || in_a.contains(&l))?;
    let batch: Vec<Label> = a.labels.iter().copied().filter(|l| b.labels.contains(l) && keep(*l)).collect();
    let contracted: Vec<Label> = a.labels.iter().copied().filter(|l| b.labels.contains(l) && !keep(*l)).collect();
    let free_a: Vec<Label> = a.labels.iter().copied().filter(|l| !b.labels.contains(l)).collect();
    let free_b: Vec<Label> = b.labels.iter().copied().filter(|l| !a.labels.contains(l)).collect();
    let labels: Vec<Label> = batch.iter().chain(&free_a).chain(&free_b).copied().collect();
    let extents = |t: &Term<T>, ls: &[Label]| -> Vec<usize> { ls.iter().map(|&l| t.extent(l)).collect() };
    let (batch_shape, a_shape, b_shape) = (extents(&a, &batch), extents(&a, &free_a), extents(&b, &free_b));
    let count = |s: &[usize]| s.iter().product::<usize>();

    let array = if contracted.is_empty() {
        // out[batch, fa, fb] = a[batch, fa, 1..] * b[batch, 1.., fb]
        let mut x = a.arranged(&batch.iter().chain(&free_a).copied().collect::<Vec<_>>())?;
        for _ in &free_b {
            x = x.unsqueeze(-1)?;
        }
        let mut y = b.arranged(&batch.iter().chain(&free_b).copied().collect::<Vec<_>>())?;
        for _ in &free_a {
            y = y.unsqueeze(batch.len() as isize)?;
        }
        x.mul(&y)?
    } else if free_a.is_empty() && free_b.is_empty() {
        let order: Vec<Label> = batch.iter().chain(&contracted).copied().collect();
        let (x, y) = (a.arranged(&order)?, b.arranged(&order)?);
        if batch.is_empty() {
            let n = x.len();
            dot_arrays(&x.reshape([n])?, &y.reshape([n])?)?
        } else {
            let axes: Vec<isize> = (batch.len()..order.len()).map(|i| i as isize).collect();
            x.mul(&y)?.sum_axes(&axes, false)?
        }
    } else {
        let k = count(&extents(&a, &contracted));
        let (m, n) = (count(&a_shape), count(&b_shape));
        let x = a.arranged(&batch.iter().chain(&free_a).chain(&contracted).copied().collect::<Vec<_>>())?;
        let y = b.arranged(&batch.iter().chain(&contracted).chain(&free_b).copied().collect::<Vec<_>>())?;
        let product = if batch.is_empty() {
            x.reshape([m, k])?.matmul(&y.reshape([k, n])?)?
        } else {
            let nb = count(&batch_shape);
            x.reshape([nb, m, k])?.matmul(&y.reshape([nb, k, n])?)?
        };
        let shape: Vec<usize> = batch_shape.iter().chain(&a_shape).chain(&b_shape).copied().collect();
        product.reshape(shape)?
    };
    Ok(Term { array, labels })
}

/// One parsed subscript term: its labels, and where its ellipsis stands (if any).
struct Subscript {
    letters: Vec<Label>,
    ellipsis_at: Option<usize>,
}

fn parse_term(term: &str, spec: &str) -> Result<Subscript> {
    let mut letters = Vec::new();
    let mut ellipsis_at = None;
    let mut rest = term;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("...") {
            if ellipsis_at.is_some() {
                return Err(invalid("einsum", format!("`{spec}`: more than one ellipsis in term `{term}`")));
            }
            ellipsis_at = Some(letters.len());
            rest = &rest[3..];
            continue;
        }
        if !c.is_ascii_alphabetic() {
            let reason =
                format!("`{spec}`: `{c}` in term `{term}` is not a letter (subscripts are a-z, A-Z and `...`)");
            return Err(invalid("einsum", reason));
        }
        letters.push(c as Label);
        rest = &rest[1..];
    }
    Ok(Subscript { letters, ellipsis_at })
}

/// The labels of one operand's axes, its ellipsis (of `ndim - letters` axes) aligned
/// to the right of the widest ellipsis `width`.
fn expand(s: &Subscript, ndim: usize, width: usize) -> Vec<Label> {
    match s.ellipsis_at {
        None => s.letters.clone(),
        Some(at) => {
            let e = ndim - s.letters.len();
            let dots = (width - e..width).map(|k| ELLIPSIS + k as Label);
            s.letters[..at].iter().copied().chain(dots).chain(s.letters[at..].iter().copied()).collect()
        }
    }
}

/// Einstein summation (NumPy's `np.einsum`): `subscripts` names each operand's axes
/// with letters, `,` between operands, and optionally `->` and the output's axes.
/// Letters repeated across operands are multiplied along; letters missing from the
/// output are summed; a letter repeated within one operand takes its diagonal. Without
/// `->`, the output is every letter that occurs once, in alphabetical order (by code
/// point: `B` before `a`). `...` stands for the remaining axes, broadcast across
/// operands as in NumPy; axes of extent 1 broadcast against any extent.
///
/// Operands are contracted a pair at a time in the cheapest order (NumPy's
/// `optimize="optimal"`, ties going left to right; [`einsum_path`](crate::einsum_path) shows the order), each
/// step as one (batched) `matmul`, a `dot`, or a broadcast product with sums (see the
/// module notes), so `"ij,jk->ik"` runs the tiled matmul kernel on a GPU. The order
/// matters: `"ij,jk,k->i"` on 1000 × 1000 matrices is two matrix-vector products
/// instead of a matrix product (0.42 ms against 17.9 ms left to right on the CPU
/// backend here, 2.9 ms against 209 ms on lavapipe). Transpositions and diagonals of one
/// operand return views.
///
/// # Errors
/// [`Error::InvalidArgument`] for malformed subscripts, a term that does not match its
/// operand's number of axes, a letter whose extents differ (other than 1, which
/// broadcasts), or output letters that are repeated or occur in no operand; [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3])?;
/// let b = Array::from_vec(vec![1.0f32, 0.0, 0.0, 1.0, 1.0, 1.0], [3, 2])?;
/// assert_eq!(gpu::einsum("ij,jk->ik", &[&a, &b])?.to_vec()?, vec![4.0, 5.0, 10.0, 11.0]);
/// assert_eq!(gpu::einsum("ij->ji", &[&a])?.shape(), &[3, 2]);
/// assert_eq!(gpu::einsum("ij,ij->i", &[&a, &a])?.to_vec()?, vec![14.0, 77.0]);
/// let m = Array::from_vec((1..=9).collect::<Vec<i32>>(), [3, 3])?;
/// assert_eq!(gpu::einsum("ii", &[&m])?.item()?, 15); // the trace
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn einsum<T: Element>(subscripts: &str, operands: &[&Array<T>]) -> Result<Array<T>> {
    let p = prepare(subscripts, operands)?;
    let path = plan_of(&p)?;
    let Prepared { mut terms, out, .. } = p;
    for &(i, j) in &path.contractions {
        // i < j: take j first so i still names its operand.
        let b = terms.remove(j);
        let a = terms.remove(i);
        let later: Vec<Label> = terms.iter().flat_map(|t| t.labels.iter().copied()).collect();
        let keep = |l: Label| out.contains(&l) || later.contains(&l);
        terms.push(contract_pair(a, b, &keep)?);
    }
    let Some(acc) = terms.pop() else {
        return Err(invalid("einsum", "no operands".into()));
    };
    acc.sum_unneeded(|l| out.contains(&l))?.arranged(&out)
}

/// Operands ready to contract: each term broadcast to its labels' extents with its
/// repeated labels replaced by diagonals, the output's labels, and every label's extent.
struct Prepared<T: Element> {
    terms: Vec<Term<T>>,
    out: Vec<Label>,
    extent: std::collections::BTreeMap<Label, usize>,
}

/// Parses `subscripts` against `operands` and checks them (the first half of [`einsum`]).
fn prepare<T: Element>(subscripts: &str, operands: &[&Array<T>]) -> Result<Prepared<T>> {
    let spec: String = subscripts.chars().filter(|c| !c.is_whitespace()).collect();
    let (inputs, output) = match spec.split_once("->") {
        Some((i, o)) => (i, Some(o)),
        None => (spec.as_str(), None),
    };
    let terms = inputs.split(',').map(|t| parse_term(t, &spec)).collect::<Result<Vec<_>>>()?;
    if terms.len() != operands.len() {
        let reason = format!("`{spec}` names {} operands but {} were given", terms.len(), operands.len());
        return Err(invalid("einsum", reason));
    }
    let Some(first) = operands.first() else {
        return Err(invalid("einsum", "no operands".into()));
    };
    for op in &operands[1..] {
        common_device("einsum", first.device(), op.device())?;
    }
    // Axes covered by each ellipsis, and the widest.
    let mut width = 0;
    for (i, (t, a)) in terms.iter().zip(operands).enumerate() {
        let fits = match t.ellipsis_at {
            Some(_) => t.letters.len() <= a.ndim(),
            None => t.letters.len() == a.ndim(),
        };
        if !fits {
            let reason = format!(
                "`{spec}`: operand {i} has shape {:?} ({} axes) but its term names {} axes",
                a.shape(),
                a.ndim(),
                t.letters.len()
            );
            return Err(invalid("einsum", reason));
        }
        width = width.max(a.ndim() - t.letters.len());
    }
    let mut ops: Vec<Term<T>> = terms
        .iter()
        .zip(operands)
        .map(|(t, a)| Term { array: (*a).clone(), labels: expand(t, a.ndim(), width) })
        .collect();

    // Every label's extent: equal wherever it occurs, or 1 (broadcast) as in NumPy.
    let mut extent: std::collections::BTreeMap<Label, usize> = Default::default();
    for (i, t) in ops.iter().enumerate() {
        for (&l, &d) in t.labels.iter().zip(t.array.shape()) {
            let e = extent.entry(l).or_insert(d);
            if *e == d || *e == 1 || d == 1 {
                *e = (*e).max(d);
                continue;
            }
            let what = if l >= ELLIPSIS { "an ellipsis axis".to_string() } else { format!("`{}`", char_of(l)) };
            let reason = format!(
                "`{spec}`: {what} has extent {d} in operand {i} (shape {:?}) but {} elsewhere",
                t.array.shape(),
                *e
            );
            return Err(invalid("einsum", reason));
        }
    }

    let out: Vec<Label> = match output {
        Some(o) => {
            let s = parse_term(o, &spec)?;
            if width > 0 && s.ellipsis_at.is_none() {
                let reason = format!("`{spec}`: the operands' `...` axes need a `...` in the output");
                return Err(invalid("einsum", reason));
            }
            let labels = expand(&s, s.letters.len() + if s.ellipsis_at.is_some() { width } else { 0 }, width);
            for (i, &l) in labels.iter().enumerate() {
                if labels[..i].contains(&l) {
                    return Err(invalid("einsum", format!("`{spec}`: output letter `{}` repeated", char_of(l))));
                }
                if !extent.contains_key(&l) {
                    let reason = format!("`{spec}`: output letter `{}` is in no operand", char_of(l));
                    return Err(invalid("einsum", reason));
                }
            }
            labels
        }
        None => {
            let mut once: Vec<Label> = extent
                .keys()
                .copied()
                .filter(|&l| {
                    l < ELLIPSIS && ops.iter().map(|t| t.labels.iter().filter(|&&m| m == l).count()).sum::<usize>() == 1
                })
                .collect();
            once.sort_unstable();
            (0..width as Label).map(|k| ELLIPSIS + k).chain(once).collect()
        }
    };

    // Within each operand: broadcast axes of extent 1, then diagonals for repeated letters.
    for t in &mut ops {
        let full: Vec<usize> = t.labels.iter().map(|l| extent[l]).collect();
        if full != t.array.shape() {
            t.array = t.array.broadcast_to(full)?;
        }
        while let Some((p, q)) = repeated(&t.labels) {
            let l = t.labels[p];
            t.array = t.array.diagonal(0, p as isize, q as isize)?;
            t.labels.remove(q);
            t.labels.remove(p);
            t.labels.push(l);
        }
    }
    Ok(Prepared { terms: ops, out, extent })
}

/// The contraction order [`einsum`](crate::einsum) would use for these operands (NumPy's
/// `np.einsum_path(subscripts, *operands, optimize="optimal")`), and its cost against
/// left to right. Nothing runs on the device.
///
/// # Errors
/// As [`einsum`](crate::einsum); [`Error::InvalidArgument`] also for more than 128 distinct labels
/// (letters and ellipsis axes together).
///
/// ```
/// use gpu::{Array, Device};
/// let dev = Device::cpu();
/// let (a, b) = (Array::<f32>::ones([10, 100], &dev)?, Array::<f32>::ones([100, 5], &dev)?);
/// let v = Array::<f32>::ones([5], &dev)?;
/// let path = gpu::einsum_path("ij,jk,k->i", &[&a, &b, &v])?;
/// assert_eq!(path.contractions, [(1, 2), (0, 1)]);    // b·v first: no 10 × 5 matrix
/// assert_eq!((path.flops, path.left_to_right_flops), (3_000, 10_100));
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn einsum_path<T: Element>(subscripts: &str, operands: &[&Array<T>]) -> Result<EinsumPath> {
    plan_of(&prepare(subscripts, operands)?)
}

/// The plan of prepared operands.
fn plan_of<T: Element>(p: &Prepared<T>) -> Result<EinsumPath> {
    let terms: Vec<&[Label]> = p.terms.iter().map(|t| t.labels.as_slice()).collect();
    plan(&terms, &p.out, &p.extent)
}

fn char_of(l: Label) -> char {
    char::from_u32(l).unwrap_or('?')
}

/// The first pair of positions holding the same label.
fn repeated(labels: &[Label]) -> Option<(usize, usize)> {
    (0..labels.len()).find_map(|q| labels[..q].iter().position(|&l| l == labels[q]).map(|p| (p, q)))
}

/// The axes `tensordot` contracts: the last `n` of `a` with the first `n` of `b`
/// (NumPy's `axes=n`), or explicit pairs (`axes=(a_axes, b_axes)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TensorAxes {
    /// The last `n` axes of `a` against the first `n` of `b`, in order.
    Last(usize),
    /// `a`'s axes `.0[i]` against `b`'s `.1[i]` (negative count from the end).
    Pairs(Vec<isize>, Vec<isize>),
}

impl From<usize> for TensorAxes {
    fn from(n: usize) -> TensorAxes {
        TensorAxes::Last(n)
    }
}

impl<const N: usize> From<([isize; N], [isize; N])> for TensorAxes {
    fn from((a, b): ([isize; N], [isize; N])) -> TensorAxes {
        TensorAxes::Pairs(a.to_vec(), b.to_vec())
    }
}

impl From<(&[isize], &[isize])> for TensorAxes {
    fn from((a, b): (&[isize], &[isize])) -> TensorAxes {
        TensorAxes::Pairs(a.to_vec(), b.to_vec())
    }
}

/// Sums products over the given axis pairs (NumPy's `np.tensordot`): the result has
/// `a`'s remaining axes, then `b`'s, and is computed as one `matmul` of the two
/// operands arranged as matrices.
///
/// # Errors
/// [`Error::MatmulShape`] when paired axes differ in extent, [`Error::InvalidArgument`]
/// for unequal axis lists, a repeated axis, or more axes than an operand has,
/// [`Error::AxisOutOfRange`], [`Error::DeviceMismatch`].
///
/// ```
/// use gpu::Array;
/// let a = Array::from_vec((0..24).map(|x| x as f64).collect(), [2, 3, 4])?;
/// let b = Array::from_vec((0..12).map(|x| x as f64).collect(), [4, 3])?;
/// // a's axes 1 and 2 against b's axes 1 and 0: shape [2]
/// let t = gpu::tensordot(&a, &b, ([1, 2], [1, 0]))?;
/// assert_eq!(t.to_vec()?, vec![440.0, 1232.0]); // as NumPy
/// assert_eq!(gpu::tensordot(&a, &b, 1)?.shape(), &[2, 3, 3]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn tensordot<T: Element>(a: &Array<T>, b: &Array<T>, axes: impl Into<TensorAxes>) -> Result<Array<T>> {
    common_device("tensordot", a.device(), b.device())?;
    let (pa, pb) = match axes.into() {
        TensorAxes::Last(n) => {
            if n > a.ndim() || n > b.ndim() {
                let reason = format!("{n} axes contracted but the shapes are {:?} and {:?}", a.shape(), b.shape());
                return Err(invalid("tensordot", reason));
            }
            ((a.ndim() - n..a.ndim()).collect::<Vec<_>>(), (0..n).collect::<Vec<_>>())
        }
        TensorAxes::Pairs(x, y) => {
            if x.len() != y.len() {
                let reason = format!("{} axes of a paired with {} axes of b", x.len(), y.len());
                return Err(invalid("tensordot", reason));
            }
            let norm = |v: &[isize], s: &[usize]| v.iter().map(|&i| normalize_axis(i, s)).collect::<Result<Vec<_>>>();
            (norm(&x, a.shape())?, norm(&y, b.shape())?)
        }
    };
    for (p, name, arr) in [(&pa, "a", a), (&pb, "b", b)] {
        if let Some(i) = (0..p.len()).find(|&i| p[..i].contains(&p[i])) {
            let reason = format!("axis {} of {name} (shape {:?}) contracted twice", p[i], arr.shape());
            return Err(invalid("tensordot", reason));
        }
    }
    for (&i, &j) in pa.iter().zip(&pb) {
        if a.shape()[i] != b.shape()[j] {
            let reason = format!("axis {i} of lhs has {} elements, axis {j} of rhs {}", a.shape()[i], b.shape()[j]);
            return Err(Error::MatmulShape {
                op: "tensordot",
                lhs: a.shape().to_vec(),
                rhs: b.shape().to_vec(),
                reason,
            });
        }
    }
    // a's axes are labels 0..na; b's contracted axes take their partners' labels.
    let la: Vec<Label> = (0..a.ndim() as Label).collect();
    let lb: Vec<Label> =
        (0..b.ndim()).map(|j| pb.iter().position(|&x| x == j).map_or(a.ndim() + j, |k| pa[k]) as Label).collect();
    let contracted: Vec<Label> = pa.iter().map(|&i| i as Label).collect();
    let keep = |l: Label| !contracted.contains(&l);
    let ta = Term { array: a.clone(), labels: la };
    let tb = Term { array: b.clone(), labels: lb };
    Ok(contract_pair(ta, tb, &keep)?.array)
}

/// Inner product over the last axes (NumPy's `np.inner`): `out[i.., j..] = Σ_k
/// a[i.., k] · b[j.., k]`; a 0-d operand multiplies elementwise.
///
/// # Errors
/// [`Error::MatmulShape`] when the last axes differ; [`Error::DeviceMismatch`].
///
/// ```
/// let a = gpu::Array::from_vec(vec![1i32, 2, 3, 4], [2, 2])?;
/// assert_eq!(gpu::inner(&a, &a)?.to_vec()?, vec![5, 11, 11, 25]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn inner<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    if a.ndim() == 0 || b.ndim() == 0 {
        common_device("inner", a.device(), b.device())?;
        return a.mul(b);
    }
    tensordot(a, b, ([-1], [-1]))
}

/// Dot product of the flattened arrays (NumPy's `np.vdot` for real numbers): a 0-d
/// array on the device.
///
/// # Errors
/// [`Error::MatmulShape`] when the element counts differ; [`Error::DeviceMismatch`].
///
/// ```
/// let a = gpu::Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], [2, 2])?;
/// assert_eq!(gpu::vdot(&a, &a)?.item()?, 30.0);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn vdot<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    if a.len() != b.len() {
        let reason = format!("{} elements against {}", a.len(), b.len());
        return Err(Error::MatmulShape { op: "vdot", lhs: a.shape().to_vec(), rhs: b.shape().to_vec(), reason });
    }
    dot_arrays(&a.reshape([a.len()])?, &b.reshape([b.len()])?)
}

/// Kronecker product (NumPy's `np.kron`): blocks `a[i..] · b`, the shapes multiplied
/// axis by axis (the shorter shape padded with leading ones); one broadcast multiplication.
///
/// # Errors
/// [`Error::DeviceMismatch`]; [`Error::ShapeOverflow`] for a result too large to address.
///
/// ```
/// let a = gpu::Array::from_vec(vec![1i32, 10], [2])?;
/// let b = gpu::Array::from_vec(vec![1i32, 2, 3], [3])?;
/// assert_eq!(gpu::kron(&a, &b)?.to_vec()?, vec![1, 2, 3, 10, 20, 30]);
/// # Ok::<(), gpu::Error>(())
/// ```
pub fn kron<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    common_device("kron", a.device(), b.device())?;
    let nd = a.ndim().max(b.ndim());
    let padded =
        |s: &[usize]| -> Vec<usize> { std::iter::repeat_n(1, nd - s.len()).chain(s.iter().copied()).collect() };
    let (sa, sb) = (padded(a.shape()), padded(b.shape()));
    // a as [a0, 1, a1, 1, ..], b as [1, b0, 1, b1, ..]: their product is [a0, b0, a1, b1, ..].
    let x = a.reshape(sa.iter().flat_map(|&d| [d, 1]).collect::<Vec<_>>())?;
    let y = b.reshape(sb.iter().flat_map(|&d| [1, d]).collect::<Vec<_>>())?;
    let out: Vec<usize> = sa.iter().zip(&sb).map(|(p, q)| p * q).collect();
    x.mul(&y)?.reshape(out)
}
