"""The knapsack branch and bound against every subset."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetkatalog.scenarios import knapsack


def brute_force(profits: list[int], weights: list[int], capacity: int) -> int:
    return max(sum(profits[i] for i in chosen)
               for size in range(len(profits) + 1)
               for chosen in itertools.combinations(range(len(profits)), size)
               if sum(weights[i] for i in chosen) <= capacity)


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[int], list[int], int]:
    count = draw(st.integers(1, 11))
    weights = draw(st.lists(st.integers(1, 60), min_size=count, max_size=count))
    shape = draw(st.sampled_from(("random", "correlated", "equal-efficiency", "huge")))
    if shape == "random":
        profits = draw(st.lists(st.integers(1, 60), min_size=count, max_size=count))
    elif shape == "correlated":
        profits = [w + draw(st.integers(0, 4)) for w in weights]
    elif shape == "equal-efficiency":
        profits = [3 * w for w in weights]
    else:  # lexicographic weights: far beyond a float's exact integers
        profits = [draw(st.integers(1, 60)) * 10**30 + draw(st.integers(0, 9))
                   for _ in weights]
    capacity = draw(st.integers(0, sum(weights)))
    return profits, weights, capacity


@settings(max_examples=400, deadline=None)
@given(instances())
def test_the_answer_is_the_best_subset_and_proven(
        instance: tuple[list[int], list[int], int]) -> None:
    profits, weights, capacity = instance
    answer = knapsack.solve(profits, weights, capacity)
    assert answer.complete
    assert sum(weights[i] for i in answer.chosen) <= capacity
    assert sum(profits[i] for i in answer.chosen) == answer.value
    assert answer.value == brute_force(profits, weights, capacity)
    assert answer.upper_bound >= answer.value


def test_a_node_limit_stops_the_search_without_a_proof() -> None:
    weights = [100 + i for i in range(40)]
    profits = [w + 1 for w in weights]
    answer = knapsack.solve(profits, weights, sum(weights) // 2, node_limit=5)
    assert not answer.complete
    assert sum(weights[i] for i in answer.chosen) <= sum(weights) // 2


def test_non_positive_items_are_refused() -> None:
    with pytest.raises(ValueError):
        knapsack.solve([1, 0], [1, 1], 1)
    with pytest.raises(ValueError):
        knapsack.solve([1], [1], -1)


def exact_order(profits: list[int], weights: list[int]) -> list[int]:
    """By efficiency, best first, compared as fractions; equal: lighter, then earlier."""
    return sorted(range(len(profits)),
                  key=lambda i: (-Fraction(profits[i], weights[i]), weights[i], i))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 2**26), st.integers(1, 2**24)), min_size=1,
                max_size=30),
       st.sampled_from((1, 2**20, 2**40)))
def test_items_are_ordered_exactly_by_efficiency(items: list[tuple[int, int]],
                                                 factor: int) -> None:
    # factor 1 and 2**20 keep every product below the float path's limit or near it;
    # 2**40 goes beyond, where the exact repair pass orders them
    profits = [p * factor for p, _ in items]
    weights = [w for _, w in items]
    assert knapsack._ordered(profits, weights) == exact_order(profits, weights)


def test_efficiencies_too_close_for_floats_are_ordered_exactly() -> None:
    # 2**53 + 1 and 2**53 + 2 over 2**53: one float apart at most
    profits = [2**53 + 1, 2**53 + 2, 2**53, 2**53 + 2]
    weights = [2**53, 2**53, 2**53, 2**52]
    assert knapsack._ordered(profits, weights) == exact_order(profits, weights)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 10**6), st.integers(1, 10**6)), min_size=1,
                max_size=knapsack.SMALL), st.floats(0, 1))
def test_the_small_search_agrees_with_the_reduced_one(items: list[tuple[int, int]],
                                                      fraction: float) -> None:
    # up to SMALL items solve() searches without the reduction; with SMALL at 0 it
    # reduces first, as for more items
    profits = [p for p, _ in items]
    weights = [w for _, w in items]
    capacity = int(sum(weights) * fraction)
    small = knapsack.solve(profits, weights, capacity)
    limit = knapsack.SMALL
    knapsack.SMALL = 0
    try:
        reduced = knapsack.solve(profits, weights, capacity)
    finally:
        knapsack.SMALL = limit
    assert small.complete and reduced.complete
    assert small.value == reduced.value == sum(profits[i] for i in small.chosen)
    assert sum(weights[i] for i in small.chosen) <= capacity
    assert small.upper_bound == reduced.upper_bound >= small.value
