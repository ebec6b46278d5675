//! The order in which `einsum` contracts its operands (NumPy's `np.einsum_path` with
//! `optimize="optimal"`): an exhaustive search over subsets for up to 8 operands, the
//! cheapest pair at each step above, both on label sets as bits, costed as NumPy counts
//! (the product of the extents involved, doubled when a label is summed). Plain data in,
//! plain data out: `contract.rs` parses the subscripts and follows the plan.

use std::collections::BTreeMap;

use crate::error::{Error, Result};

/// A subscript label (see `contract.rs`: a letter's code point or an ellipsis axis).
pub(super) type Label = u32;

/// The order in which [`einsum`](crate::einsum) contracts its operands, from [`einsum_path`](crate::einsum_path) (NumPy's
/// `np.einsum_path`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EinsumPath {
    /// The pairwise contractions in order, in NumPy's format: each names two positions
    /// (ascending) in the list of operands still to contract; both leave the list and
    /// their product is appended to its end. Empty for a single operand.
    pub contractions: Vec<(usize, usize)>,
    /// The path's cost in NumPy's count: per contraction, the product of the extents of
    /// every label involved, doubled when a label is summed (a multiply and an add).
    pub flops: u128,
    /// The cost of contracting left to right, in the same count.
    pub left_to_right_flops: u128,
    /// Whether `contractions` is the cheapest order of all (searched exhaustively, up to
    /// 8 operands) or a greedy one (each step the cheapest pair).
    pub optimal: bool,
}

/// `einsum` searches every contraction order for up to this many operands (the
/// search grows as 3ⁿ: 6,561 steps for 8) and picks the cheapest pair at each step
/// above it.
const OPTIMAL_UP_TO: usize = 8;

/// A set of labels as bits (label `k` of the sorted distinct labels is bit `k`).
type LabelSet = u128;

/// The cheapest order of pairwise contractions (see [`EinsumPath`]) of operands with
/// the labels `terms`, for the output labels `out`, every label's extent in `extent`.
pub(super) fn plan(terms: &[&[Label]], out: &[Label], extent: &BTreeMap<Label, usize>) -> Result<EinsumPath> {
    let all: Vec<Label> = extent.keys().copied().collect();
    if all.len() > LabelSet::BITS as usize {
        let reason = format!("{} distinct labels; at most {} are supported", all.len(), LabelSet::BITS);
        return Err(Error::InvalidArgument { op: "einsum", reason });
    }
    let set = |labels: &[Label]| -> LabelSet {
        labels.iter().filter_map(|l| all.iter().position(|m| m == l)).fold(0, |s, k| s | 1 << k)
    };
    let size = |s: LabelSet| -> u128 {
        (0..all.len()).filter(|&k| s >> k & 1 == 1).fold(1u128, |acc, k| acc.saturating_mul(extent[&all[k]] as u128))
    };
    let leaves: Vec<LabelSet> = terms.iter().map(|t| set(t)).collect();
    let out = set(out);
    let n = leaves.len();
    // The cost of contracting two intermediates `x`, `y` whose result must keep `needed`.
    let cost = |x: LabelSet, y: LabelSet, needed: LabelSet| -> (u128, LabelSet) {
        let involved = x | y;
        let factor = if involved & !needed != 0 { 2 } else { 1 };
        (size(involved).saturating_mul(factor), involved & needed)
    };
    // Left to right, as a baseline: intermediates keep what the output or a later term needs.
    let mut left_to_right_flops = 0u128;
    let mut acc = leaves.first().copied().unwrap_or(0);
    for (i, &b) in leaves.iter().enumerate().skip(1) {
        let later = leaves[i + 1..].iter().fold(out, |s, &l| s | l);
        let (c, kept) = cost(acc & (later | b), b & (later | acc), later);
        left_to_right_flops = left_to_right_flops.saturating_add(c);
        acc = kept;
    }
    let (contractions, flops, optimal) = if n <= OPTIMAL_UP_TO {
        let (c, f) = optimal_order(&leaves, out, &cost);
        (c, f, true)
    } else {
        let (c, f) = greedy_order(&leaves, out, &cost);
        (c, f, false)
    };
    Ok(EinsumPath { contractions, flops, left_to_right_flops, optimal })
}

/// What two intermediates cost to contract and what the result keeps.
type Cost<'a> = dyn Fn(LabelSet, LabelSet, LabelSet) -> (u128, LabelSet) + 'a;

/// Exhaustive search over subsets (dynamic programming, 3ⁿ steps): `best[s]` is the
/// cheapest way to contract the operands in bit set `s` into one intermediate, which
/// keeps the labels of `s` that the output or an operand outside `s` needs.
fn optimal_order(leaves: &[LabelSet], out: LabelSet, cost: &Cost<'_>) -> (Vec<(usize, usize)>, u128) {
    let n = leaves.len();
    let full = (1usize << n) - 1;
    let labels_of = |s: usize| (0..n).filter(|&i| s >> i & 1 == 1).fold(0, |acc, i| acc | leaves[i]);
    let needed = |s: usize| labels_of(s) & (out | labels_of(full & !s));
    let mut best = vec![(0u128, 0usize); full + 1];
    for s in 1..=full {
        if s.count_ones() == 1 {
            continue;
        }
        let low = s & s.wrapping_neg();
        let last = 1 << (usize::BITS - 1 - s.leading_zeros());
        let mut choice = (u128::MAX, 0);
        // Every split of s into two non-empty parts, the part with the lowest bit first.
        let rest = s & !low;
        let mut sub = rest;
        loop {
            let left = low | sub;
            if left != s {
                let right = s & !left;
                let (c, _) = cost(needed(left), needed(right), out | labels_of(full & !s));
                let total = best[left].0.saturating_add(best[right].0).saturating_add(c);
                // Ties go to left to right: the last operand joined on its own.
                if total < choice.0 || (total == choice.0 && right == last) {
                    choice = (total, left);
                }
            }
            if sub == 0 {
                break;
            }
            sub = (sub - 1) & rest;
        }
        best[s] = choice;
    }
    // The tree as NumPy's list of contractions: post-order, positions in the live list.
    let mut live: Vec<usize> = (0..n).map(|i| 1 << i).collect();
    let mut contractions = Vec::with_capacity(n.saturating_sub(1));
    fn emit(s: usize, best: &[(u128, usize)], live: &mut Vec<usize>, out: &mut Vec<(usize, usize)>) {
        if s.count_ones() <= 1 {
            return;
        }
        let left = best[s].1;
        let right = s & !left;
        emit(left, best, live, out);
        emit(right, best, live, out);
        let (i, j) = (live.iter().position(|&x| x == left), live.iter().position(|&x| x == right));
        if let (Some(i), Some(j)) = (i, j) {
            let (i, j) = (i.min(j), i.max(j));
            live.remove(j);
            live.remove(i);
            live.push(s);
            out.push((i, j));
        }
    }
    emit(full, &best, &mut live, &mut contractions);
    (contractions, if n > 1 { best[full].0 } else { 0 })
}

/// Each step contracts the pair that costs least now (ties: the first pair).
fn greedy_order(leaves: &[LabelSet], out: LabelSet, cost: &Cost<'_>) -> (Vec<(usize, usize)>, u128) {
    let mut live = leaves.to_vec();
    let (mut contractions, mut total) = (Vec::new(), 0u128);
    while live.len() > 1 {
        let others =
            |skip: [usize; 2]| live.iter().enumerate().filter(|(k, _)| !skip.contains(k)).fold(out, |s, (_, &l)| s | l);
        let mut pick = (u128::MAX, 0, 1, 0);
        for i in 0..live.len() {
            for j in i + 1..live.len() {
                let rest = others([i, j]);
                let (c, kept) = cost(live[i] & (rest | live[j]), live[j] & (rest | live[i]), rest);
                if c < pick.0 {
                    pick = (c, i, j, kept);
                }
            }
        }
        let (c, i, j, kept) = pick;
        live.remove(j);
        live.remove(i);
        live.push(kept);
        contractions.push((i, j));
        total = total.saturating_add(c);
    }
    (contractions, total)
}
