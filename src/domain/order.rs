//! One compiled sort for the whole app. The standard library's stable sort is generic over the
//! element and the comparison, so each `sort_by_key` of another type compiled one more copy of
//! it (about 3.7 KB of wasm each, some fifty in all). Here only a list of positions is sorted,
//! by one comparison behind a `dyn`, and the elements are then moved into that order: the same
//! stable result, one copy of the sort.

use std::cmp::Ordering;

/// Sorts positions `0..n` stably by `cmp`: the one sort compiled.
#[inline(never)]
fn sorted_positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

/// Puts `v` in `order` (`order[i]` is where the element for place `i` is now), by swaps along
/// each cycle.
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut placed = vec![false; v.len()];
    for start in 0..v.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

/// A stable sort of `v` by `cmp`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, &order);
}

/// A stable sort of `v` by `key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)))
}

/// A stable sort of `v` in its own order.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp)
}

/// A map of `pairs`, the last value of a key kept. Built by inserting one by one: collecting
/// into a `BTreeMap` sorts the pairs first, with one more copy of the stable sort per type.
pub fn map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> std::collections::BTreeMap<K, V> {
    let mut m = std::collections::BTreeMap::new();
    m.extend(pairs);
    m
}

/// A set of `items`, built by inserting one by one (see [`map`]).
pub fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> std::collections::BTreeSet<T> {
    let mut s = std::collections::BTreeSet::new();
    s.extend(items);
    s
}
