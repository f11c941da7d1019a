"""An exact 0/1 knapsack solver for the optimiser's single-constraint case.

When the choice has one binding constraint and no relations (one target year, or
targets in proportion; whole proposals only), "cheapest choice meeting the target" is a
knapsack: keep the proposals *not* adopted, worth their cost, within what may be left
unsaved. :func:`solve` maximises Σ pᵢ yᵢ subject to Σ wᵢ yᵢ ≤ C with whole numbers
pᵢ > 0, wᵢ > 0, and proves its answer by exhausting a branch and bound:

1. Items are ordered by efficiency pᵢ/wᵢ, exactly (integer cross-multiplication).
   The greedy fill gives a first solution (the lower bound) and the linear relaxation
   (Dantzig's bound: the items before the break item, plus the break item's fraction)
   an upper bound. Equal bounds prove the greedy answer at once.
2. Reduction (Martello and Toth): for every item, the Dantzig bound with the item
   forced to the other side of the break. Where that bound is no better than the
   lower bound, any strictly better solution keeps the item as in the break solution,
   so it is fixed there.
3. A depth-first search over the items left free, each node bounded by the linear
   relaxation of the items after it (prefix sums and a binary search, so each bound
   costs O(log n)); a node whose bound is no better than the best solution found is
   cut. When the search ends, no solution better than the best exists: that is the
   proof. ``nodes`` counts the search nodes.

All arithmetic is on Python integers, so weights and profits of any size (money in
kroner, lexicographic weights) are exact.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate


@dataclass(frozen=True)
class KnapsackAnswer:
    """The knapsack's best choice, its value and how it was proven."""

    chosen: tuple[int, ...]  # indices into the given items, ascending
    value: int
    upper_bound: int  # the root's Dantzig bound
    nodes: int
    fixed: int  # items fixed by the reduction
    complete: bool  # False if the node limit stopped the search (no proof)


class NodeLimit(Exception):
    """The search went past its node limit."""


def _ordered(profits: list[int], weights: list[int]) -> list[int]:
    """Indices by efficiency, best first, exactly; equal efficiency: lighter first."""
    keys = [(-p / w, w) for p, w in zip(profits, weights, strict=True)]
    order = sorted(range(len(profits)), key=keys.__getitem__)
    # Floats may misorder efficiencies closer than their precision: insertion sort
    # with exact comparisons repairs that in one pass over a nearly sorted list.
    for k in range(1, len(order)):
        item = order[k]
        p, w = profits[item], weights[item]
        j = k - 1
        while j >= 0:
            other = order[j]
            lhs, rhs = profits[other] * w, p * weights[other]
            if lhs > rhs or (lhs == rhs and weights[other] <= w):
                break
            order[j + 1] = other
            j -= 1
        order[j + 1] = item
    return order


def solve(profits: list[int], weights: list[int], capacity: int,
          node_limit: int = 2_000_000) -> KnapsackAnswer:
    """The most valuable choice of items within ``capacity``, proven optimal."""
    n = len(profits)
    if capacity < 0:
        raise ValueError("negative capacity")
    if n and (min(profits) <= 0 or min(weights) <= 0):
        raise ValueError("profits and weights must be positive")
    order = _ordered(profits, weights)
    p = [profits[i] for i in order]
    w = [weights[i] for i in order]
    # prefix sums: items [0, k) weigh W[k] and are worth P[k]
    prefix_w = [0, *accumulate(w)]
    prefix_p = [0, *accumulate(p)]
    if prefix_w[n] <= capacity:
        return KnapsackAnswer(tuple(range(n)), prefix_p[n], prefix_p[n], 0, 0, True)
    # break item: the first that does not fit after all before it
    b = bisect_right(prefix_w, capacity) - 1
    residual = capacity - prefix_w[b]
    upper = prefix_p[b] + residual * p[b] // w[b]
    # greedy: the break solution, then every later item that still fits
    best_set = list(range(b))
    best = prefix_p[b]
    room = residual
    for k in range(b + 1, n):
        if w[k] <= room:
            room -= w[k]
            best += p[k]
            best_set.append(k)
    if best == upper:
        return KnapsackAnswer(tuple(sorted(order[k] for k in best_set)), best, upper, 0, 0,
                              True)

    # Reduction: forced out of (before b) or into (from b on) the break solution,
    # an item whose Dantzig bound is no better than ``best`` keeps its place in
    # every strictly better solution.
    state = [0] * n  # 1 fixed in, -1 fixed out, 0 free
    e_b = (p[b], w[b])
    e_before = (p[b - 1], w[b - 1]) if b > 0 else None
    for k in range(n):
        if k < b:
            bound = prefix_p[b] - p[k] + (residual + w[k]) * e_b[0] // e_b[1]
            if bound <= best:
                state[k] = 1
        else:
            room_k = residual - w[k]
            if room_k >= 0:
                bound = prefix_p[b] + p[k] + room_k * e_b[0] // e_b[1]
            elif e_before is not None:
                bound = prefix_p[b] + p[k] + room_k * e_before[0] // e_before[1]
            else:
                bound = p[k] + (capacity - w[k]) * e_b[0] // e_b[1] \
                    if capacity >= w[k] else -1
            if bound <= best:
                state[k] = -1
    fixed = n - state.count(0)
    free = [k for k in range(n) if state[k] == 0]
    inside = [k for k in range(n) if state[k] == 1]
    base_w = sum([w[k] for k in inside])
    base_p = sum([p[k] for k in inside])
    cap = capacity - base_w
    nodes = 0
    found: list[int] | None = None
    if cap >= 0 and free:
        fp = [p[k] for k in free]
        fw = [w[k] for k in free]
        m = len(free)
        pw = [0, *accumulate(fw)]
        pp = [0, *accumulate(fp)]
        target = best - base_p  # strictly more than this is wanted
        current: list[int] = []
        best_free = target
        counter = [0]

        def relaxation(i: int, room: int) -> int:
            # LP relaxation of free items i.. within room
            k = bisect_right(pw, pw[i] + room, i) - 1
            value = pp[k] - pp[i]
            if k < m:
                value += (room - (pw[k] - pw[i])) * fp[k] // fw[k]
            return value

        def search(i: int, room: int, value: int) -> None:
            nonlocal best_free, found
            counter[0] += 1
            if counter[0] > node_limit:
                raise NodeLimit
            # forward: take items while they fit
            taken = 0
            while i < m and fw[i] <= room:
                room -= fw[i]
                value += fp[i]
                current.append(i)
                taken += 1
                i += 1
            if i >= m:
                if value > best_free:
                    best_free = value
                    found = list(current)
            elif value + relaxation(i + 1, room) > best_free:
                # item i does not fit: skip it
                search(i + 1, room, value)
            # backtrack the forced takes, each time trying the branch without it
            for _ in range(taken):
                k = current.pop()
                room += fw[k]
                value -= fp[k]
                if value + relaxation(k + 1, room) > best_free:
                    search(k + 1, room, value)

        try:
            if relaxation(0, cap) > target:
                search(0, cap, 0)
        except (NodeLimit, RecursionError):
            return KnapsackAnswer(tuple(sorted(order[k] for k in best_set)), best, upper,
                                  counter[0], fixed, False)
        nodes = counter[0]
        if found is not None:
            best = base_p + best_free
            best_set = inside + [free[k] for k in found]
    return KnapsackAnswer(tuple(sorted(order[k] for k in best_set)), best, upper, nodes,
                          fixed, True)
