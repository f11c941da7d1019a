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
from itertools import accumulate
from operator import truediv
from typing import NamedTuple


class KnapsackAnswer(NamedTuple):
    """The knapsack's best choice, its value and how it was proven."""

    chosen: tuple[int, ...]  # indices into the given items, ascending
    value: int
    upper_bound: int  # the root's Dantzig bound
    nodes: int
    fixed: int  # items fixed by the reduction
    complete: bool  # False if the node limit stopped the search (no proof)


# Below this, every pᵢ·wⱼ is under 2⁵², so two different efficiencies p/w differ by
# more than a float's rounding and equal ones are the same float (division is
# correctly rounded): the float order is exact.
EXACT_PRODUCTS = 2 ** 50


# Up to this many items a plain depth-first search (no reduction) is proven as fast
# and keeps a call's code small.
SMALL = 16


class NodeLimit(Exception):
    """The search went past its node limit."""


def _ordered(profits: list[int], weights: list[int]) -> list[int]:
    """Indices by efficiency, best first, exactly; equal efficiency: lighter first."""
    # lighter first, then by efficiency, best first (both sorts stable)
    order = sorted(range(len(profits)), key=weights.__getitem__)
    efficiency = list(map(truediv, profits, weights))
    order.sort(key=efficiency.__getitem__, reverse=True)
    if max(profits) * max(weights) < EXACT_PRODUCTS:
        return order
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


class Prepared(NamedTuple):
    """Items ordered by efficiency once (:func:`prepare`), to be solved at any capacity
    (:func:`solve_prepared`): the optimiser asks the same items at many targets."""

    order: tuple[int, ...]  # item indices, best efficiency first
    profits: tuple[int, ...]  # in that order
    weights: tuple[int, ...]
    prefix_p: tuple[int, ...]  # items [0, k) are worth prefix_p[k]
    prefix_w: tuple[int, ...]  # and weigh prefix_w[k]


def prepare(profits: list[int], weights: list[int]) -> Prepared:
    """The items in efficiency order, with their prefix sums."""
    if not profits:
        return Prepared((), (), (), (0,), (0,))
    if min(profits) <= 0 or min(weights) <= 0:
        raise ValueError("profits and weights must be positive")
    order = _ordered(profits, weights)
    p = tuple(map(profits.__getitem__, order))
    w = tuple(map(weights.__getitem__, order))
    return Prepared(tuple(order), p, w, (0, *accumulate(p)), (0, *accumulate(w)))


def solve(profits: list[int], weights: list[int], capacity: int,
          node_limit: int = 2_000_000) -> KnapsackAnswer:
    """The most valuable choice of items within ``capacity``, proven optimal."""
    return solve_prepared(prepare(profits, weights), capacity, node_limit)


def solve_prepared(prepared: Prepared, capacity: int,
                   node_limit: int = 2_000_000) -> KnapsackAnswer:
    """:func:`solve` on items :func:`prepare` has ordered."""
    if capacity < 0:
        raise ValueError("negative capacity")
    order, p, w, prefix_p, prefix_w = prepared
    n = len(order)
    if n <= SMALL:
        return _solve_small(p, w, capacity, order)
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
        return KnapsackAnswer(_original(order, best_set), best, upper, 0, 0,
                              True)

    # Reduction: forced out of (before b) or into (from b on) the break solution,
    # an item whose Dantzig bound is no better than ``best`` keeps its place in
    # every strictly better solution.
    pb, wb = p[b], w[b]
    top = prefix_p[b]
    # before b: the bound with item k left out; from b on: with item k put in (its
    # room filled at the break item's efficiency, or the item before it when over;
    # with no item before it, an item heavier than the capacity is out)
    inside: list[int] = []
    free: list[int] = []
    base_w = base_p = 0
    for k in range(b):
        if top - p[k] + (residual + w[k]) * pb // wb <= best:
            inside.append(k)
            base_w += w[k]
            base_p += p[k]
        else:
            free.append(k)
    pa, wa = (p[b - 1], w[b - 1]) if b else (pb, wb)
    for k in range(b, n):
        weight = w[k]
        if weight <= residual:
            bound = top + p[k] + (residual - weight) * pb // wb
        elif b:
            bound = top + p[k] + (residual - weight) * pa // wa
        else:
            continue
        if bound > best:
            free.append(k)
    fixed = n - len(free)
    cap = capacity - base_w
    nodes = 0
    found: list[int] | None = None
    if cap >= 0 and free:
        if fixed:
            fp = tuple(map(p.__getitem__, free))
            fw = tuple(map(w.__getitem__, free))
            pw = (0, *accumulate(fw))
            pp = (0, *accumulate(fp))
        else:
            fp, fw, pw, pp = p, w, prefix_w, prefix_p
        m = len(free)
        target = best - base_p  # strictly more than this is wanted
        current: list[int] = []
        best_free = target
        count = 0

        def search(i: int, room: int, value: int) -> None:
            nonlocal best_free, found, count
            count += 1
            if count > node_limit:
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
            else:
                # item i does not fit: skip it, if the relaxation of the items after
                # it (the prefix that fits, plus a fraction of the next) may do better
                j = i + 1
                k = bisect_right(pw, pw[j] + room, j) - 1
                bound = value + pp[k] - pp[j]
                if k < m:
                    bound += (room - (pw[k] - pw[j])) * fp[k] // fw[k]
                if bound > best_free:
                    search(j, room, value)
            # backtrack the forced takes, each time trying the branch without it
            for _ in range(taken):
                j = current.pop()
                room += fw[j]
                value -= fp[j]
                j += 1
                k = bisect_right(pw, pw[j] + room, j) - 1
                bound = value + pp[k] - pp[j]
                if k < m:
                    bound += (room - (pw[k] - pw[j])) * fp[k] // fw[k]
                if bound > best_free:
                    search(j, room, value)

        # the relaxation of all free items within cap
        k = bisect_right(pw, cap) - 1
        bound = pp[k] + ((cap - pw[k]) * fp[k] // fw[k] if k < m else 0)
        try:
            if bound > target:
                search(0, cap, 0)
        except (NodeLimit, RecursionError):
            return KnapsackAnswer(_original(order, best_set), best, upper,
                                  count, fixed, False)
        nodes = count
        if found is not None:
            best = base_p + best_free
            best_set = inside + [free[k] for k in found]
    return KnapsackAnswer(_original(order, best_set), best, upper, nodes,
                          fixed, True)


def _solve_small(p: tuple[int, ...], w: tuple[int, ...], capacity: int,
                 order: tuple[int, ...]) -> KnapsackAnswer:
    """A few items (profits ``p`` and weights ``w`` in efficiency order): depth first,
    taking before leaving, each node bounded by the linear relaxation of the items
    after it."""
    n = len(p)
    best = -1
    best_set: tuple[int, ...] = ()
    upper = -1  # the root's bound (Dantzig's), as solve() reports it
    nodes = 0
    # nodes to visit: next item, room left, value so far, items taken
    stack: list[tuple[int, int, int, tuple[int, ...]]] = [(0, capacity, 0, ())]
    while stack:
        i, room, value, taken = stack.pop()
        nodes += 1
        if i == n:
            if value > best:
                best, best_set = value, taken
            if nodes == 1:
                upper = value
            if best == upper:
                break  # the root's bound reached: nothing better is left
            continue
        # the relaxation of items i..: whole while they fit, then a fraction
        bound, left, k = value, room, i
        while k < n and w[k] <= left:
            left -= w[k]
            bound += p[k]
            k += 1
        if k < n:
            bound += left * p[k] // w[k]
        if nodes == 1:
            upper = bound
        if bound <= best:
            continue
        stack.append((i + 1, room, value, taken))  # leave item i, after taking it
        if w[i] <= room:
            stack.append((i + 1, room - w[i], value + p[i], (*taken, i)))
    return KnapsackAnswer(_original(order, best_set), best, upper, nodes, 0, True)


def _original(order: tuple[int, ...], chosen: list[int] | tuple[int, ...],
              ) -> tuple[int, ...]:
    """Positions in efficiency order as the items' own indices, ascending."""
    found = []
    for k in chosen:
        found.append(order[k])
    found.sort()
    return tuple(found)
