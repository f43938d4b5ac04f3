//! The arc-hybrid dynamic oracle (Goldberg and Nivre 2013): how many gold arcs a move makes
//! unreachable from the current configuration. Training follows the parser's own moves
//! (errors included) and, at every step, teaches the cheapest move, so the parser learns to
//! recover from its mistakes instead of only ever seeing perfect histories.

use super::parser::{root_label, Move, State, LABELS, N_CLASSES};

/// A sentence's gold tree: each word's head (`n` for the root) and label index.
pub struct GoldTree {
    pub heads: Vec<usize>,
    pub labels: Vec<u8>,
}

/// The cost of each class (`u32::MAX` for an invalid move).
pub fn costs(state: &State, gold: &GoldTree, out: &mut Vec<u32>) {
    out.clear();
    out.resize(N_CLASSES, u32::MAX);
    let n = state.n;
    let gh = &gold.heads;
    let s0 = state.stack.last().copied();
    let s1 = state.stack.len().checked_sub(2).map(|i| state.stack[i]);
    let front = state.front;
    // Gold dependents of `w` still in the buffer: lost when `w` leaves the stack.
    let buffer_deps = |w: usize| (front..n).filter(|&d| gh[d] == w).count() as u32;
    if state.is_valid(Move::Shift) {
        let stack_deps = state.stack.iter().filter(|&&d| gh[d] == front).count() as u32;
        let head_in_stack = state.stack.iter().any(|&h| gh[front] == h && Some(h) != s0);
        out[0] = stack_deps + u32::from(head_in_stack);
    }
    let Some(s0) = s0 else {
        return;
    };
    let deps = buffer_deps(s0);
    let left = if front == n {
        u32::from(gh[s0] != n)
    } else {
        let reachable_elsewhere = gh[s0] != front && (Some(gh[s0]) == s1 || gh[s0] > front);
        deps + u32::from(reachable_elsewhere)
    };
    let left_is_gold = gh[s0] == front;
    let right = deps + u32::from(gh[s0] >= front);
    let right_is_gold = Some(gh[s0]) == s1;
    for label in 0..LABELS as u8 {
        let wrong_label = u32::from(label != gold.labels[s0]);
        let m = Move::Left(label);
        if state.is_valid(m) {
            out[m.class()] = left + if left_is_gold { wrong_label } else { 0 };
        }
        let m = Move::Right(label);
        if state.is_valid(m) {
            out[m.class()] = right + if right_is_gold { wrong_label } else { 0 };
        }
    }
    // The final attachment to the root is forced; its label is always `root`.
    if front == n && state.stack.len() == 1 {
        out[Move::Left(root_label()).class()] = u32::from(gh[s0] != n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::{parser::label_index, tags::DepRel};

    /// Following the cheapest move from the start rebuilds a projective gold tree exactly.
    #[test]
    fn zero_cost_moves_rebuild_a_projective_tree() {
        let nsubj = label_index(DepRel::Nsubj);
        let obj = label_index(DepRel::Obj);
        let punct = label_index(DepRel::Punct);
        // "She wrote letters ." : wrote is the root (n = 4).
        let gold = GoldTree {
            heads: vec![1, 4, 1, 1],
            labels: vec![nsubj, root_label(), obj, punct],
        };
        let mut state = State::new(4);
        let mut costs_now = Vec::new();
        while !state.is_final() {
            costs(&state, &gold, &mut costs_now);
            let class = (0..N_CLASSES).find(|&c| costs_now[c] == 0).unwrap();
            state.apply(Move::of_class(class));
        }
        assert_eq!(state.heads, gold.heads);
        assert_eq!(state.labels, gold.labels);
    }

    #[test]
    fn a_wrong_attachment_costs_the_arcs_it_loses() {
        let nsubj = label_index(DepRel::Nsubj);
        let gold = GoldTree {
            heads: vec![1, 4, 1, 1],
            labels: vec![nsubj, root_label(), 0, 0],
        };
        let mut state = State::new(4);
        state.apply(Move::Shift); // stack: She; front: wrote
        let mut c = Vec::new();
        costs(&state, &gold, &mut c);
        assert_eq!(c[Move::Left(nsubj).class()], 0);
        assert_eq!(
            c[Move::Left(nsubj + 1).class()],
            1,
            "right head, wrong label"
        );
        assert_eq!(c[0], 1, "shifting `wrote` over `She` loses She <- wrote");
        assert_eq!(
            c[Move::Right(nsubj).class()],
            u32::MAX,
            "one word on the stack"
        );
    }
}
